import { INITIAL_PROCESS, type ProcessState, readProcess } from '@common-ground/shared/schema';
import type * as Y from 'yjs';

/** Follows the process path in the record document; reports only real changes (stable references otherwise). */
export function trackProcess(record: Y.Doc, onChange: (state: ProcessState) => void): () => void {
  let currentJson = JSON.stringify(INITIAL_PROCESS);
  const onUpdate = () => {
    const next = readProcess(record);
    const json = JSON.stringify(next);
    if (json === currentJson) return;
    currentJson = json;
    onChange(next);
  };
  record.on('update', onUpdate);
  onUpdate();
  return () => record.off('update', onUpdate);
}
