import type { FacilitationRequest } from '@common-ground/shared/api';
import { useCallback, useState } from 'react';
import { facilitationApi } from '../app/api';
import { errorMessageKey } from '../app/errorMessage';
import type { MessageKey } from '../i18n/catalogues';
import { useBoardContext } from '../sync/SessionContext';

/**
 * Sends one facilitation change; the new state arrives for everyone through the record document. `send` resolves to
 * whether the server took it.
 *
 * `busy` tells the caller's controls to ignore presses while a change is on its way. The change usually arrives
 * through the document before the server's reply does: `shown` (what the caller's controls show, as a string) lets
 * them take presses again as soon as it differs from what it was when the change was sent, or a person who sees
 * the change and presses at once would be ignored.
 */
export function useFacilitate(shown?: string) {
  const { boardId, token } = useBoardContext();
  const [inFlight, setInFlight] = useState(0);
  const [sentFrom, setSentFrom] = useState<string | undefined>(undefined);
  const [error, setError] = useState<MessageKey | null>(null);
  const send = useCallback(
    async (body: FacilitationRequest): Promise<boolean> => {
      setInFlight((count) => count + 1);
      setSentFrom(shown);
      setError(null);
      try {
        await facilitationApi.change(boardId, token, body);
        return true;
      } catch (failure) {
        setError(errorMessageKey(failure));
        return false;
      } finally {
        setInFlight((count) => count - 1);
      }
    },
    [boardId, token, shown],
  );
  const busy = inFlight > 0 && (shown === undefined || shown === sentFrom);
  return { busy, error, send };
}
