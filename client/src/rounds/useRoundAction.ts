import type { Round } from '@common-ground/shared/api';
import { useCallback, useState } from 'react';
import { ApiError } from '../app/apiError';
import { errorMessageKey } from '../app/errorMessage';
import type { MessageKey } from '../i18n/catalogues';
import { useBoardContext } from '../sync/SessionContext';

function roundErrorKey(error: unknown): MessageKey {
  if (error instanceof ApiError && error.failure.kind === 'http') {
    if (error.failure.status === 409) return 'round.error.conflict';
    if (error.failure.status === 404) return 'round.error.notFound';
  }
  return errorMessageKey(error);
}

/**
 * Runs one round request: busy while it runs, a plain-words error if it fails, and the returned round shown at
 * once (the live record follows within a second).
 */
export function useRoundAction() {
  const { session } = useBoardContext();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);
  const run = useCallback(
    async (call: () => Promise<Round>): Promise<Round | null> => {
      setBusy(true);
      setError(null);
      try {
        const round = await call();
        session.putRound(round);
        return round;
      } catch (failure) {
        setError(roundErrorKey(failure));
        return null;
      } finally {
        setBusy(false);
      }
    },
    [session],
  );
  return { busy, error, run, clearError: () => setError(null) };
}
