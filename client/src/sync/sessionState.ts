import { EMPTY_FACILITATION, type FacilitationState, readFacilitation } from '@common-ground/shared/schema';
import type * as Y from 'yjs';

/**
 * Follows the facilitator's session state (focus, timer, agenda) in the record document. Reports only real
 * changes, so the screens' selectors keep stable references while other record entries change.
 */
export function trackFacilitation(record: Y.Doc, onChange: (state: FacilitationState) => void): () => void {
  let current = EMPTY_FACILITATION;
  let currentJson = JSON.stringify(current);
  const onUpdate = () => {
    const next = readFacilitation(record);
    const json = JSON.stringify(next);
    if (json === currentJson) return;
    current = next;
    currentJson = json;
    onChange(current);
  };
  record.on('update', onUpdate);
  onUpdate();
  return () => record.off('update', onUpdate);
}
