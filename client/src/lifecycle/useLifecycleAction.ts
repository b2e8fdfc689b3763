import { useState } from 'react';
import { errorMessageKey } from '../app/errorMessage';
import type { MessageKey } from '../i18n/catalogues';
import { useBoardContext } from '../sync/SessionContext';
import { lifecycleApi } from './lifecycleApi';

export type LifecycleAction = 'archive' | 'unarchive' | 'scheduleDeletion' | 'restoreDeletion';

/**
 * Runs one lifecycle request at a time. The banner and buttons follow the record document, which the server
 * writes before it answers, so nothing here keeps the state itself; only a refusal is shown.
 */
export function useLifecycleAction() {
  const { boardId, token } = useBoardContext();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);
  const run = async (action: LifecycleAction): Promise<boolean> => {
    if (busy) return false;
    setBusy(true);
    setError(null);
    try {
      await lifecycleApi[action](boardId, token);
      return true;
    } catch (caught) {
      setError(errorMessageKey(caught));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}
