import type { Round } from '@common-ground/shared/api';

/**
 * The caller's own view of the rounds (the API adds the own partner's stance where the record hides names).
 * Refreshed whenever the record's rounds change; one request at a time, and a change during a request asks for
 * one more afterwards, so the last view always follows the last change.
 */
export function createViewerRounds(load: () => Promise<readonly Round[]>, onChange: () => void) {
  let rounds = new Map<string, Round>();
  let inFlight = false;
  let again = false;
  let stopped = false;

  const refresh = (): void => {
    if (stopped) return;
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    load().then(
      (loaded) => {
        inFlight = false;
        if (stopped) return;
        rounds = new Map(loaded.map((round) => [round.id, round]));
        onChange();
        if (again) {
          again = false;
          refresh();
        }
      },
      () => {
        // Offline or refused: the record's public view still shows every round.
        inFlight = false;
        again = false;
      },
    );
  };

  return {
    get: (): ReadonlyMap<string, Round> => rounds,
    refresh,
    /** A round the API just returned (after a stance, opening or closing). */
    put: (round: Round): void => {
      rounds = new Map(rounds).set(round.id, round);
      onChange();
    },
    stop: (): void => {
      stopped = true;
    },
  };
}
