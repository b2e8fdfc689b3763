import type { FacilitationRequest } from '@common-ground/shared/api';
import { useCallback, useState } from 'react';
import { facilitationApi } from '../app/api';
import { errorMessageKey } from '../app/errorMessage';
import type { MessageKey } from '../i18n/catalogues';
import { useBoardContext } from '../sync/SessionContext';

/**
 * Sends one facilitation change; the new state arrives for everyone through the record document. Resolves to
 * whether the server took it.
 */
export function useFacilitate() {
  const { boardId, token } = useBoardContext();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);
  const send = useCallback(
    async (body: FacilitationRequest): Promise<boolean> => {
      setBusy(true);
      setError(null);
      try {
        await facilitationApi.change(boardId, token, body);
        return true;
      } catch (failure) {
        setError(errorMessageKey(failure));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [boardId, token],
  );
  return { busy, error, send };
}
