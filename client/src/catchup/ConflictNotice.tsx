import { useMemo } from 'react';
import { useT } from '../i18n/locale';
import { offlineConflicts } from '../sync/offlineConflicts';
import { useOffline } from '../sync/offlineHooks';
import { useBoard, useBoardContext } from '../sync/SessionContext';

/** After a reconnect: what the person's offline wording edits did to rounds, in plain words, until read. */
export function ConflictNotice() {
  const t = useT();
  const { session } = useBoardContext();
  const edits = useOffline((s) => s.edits);
  const confirmedGoalIds = useOffline((s) => s.confirmedGoalIds);
  const goals = useBoard((s) => s.goals);
  const rounds = useBoard((s) => s.rounds);
  const goalRounds = useBoard((s) => s.goalRounds);
  const conflicts = useMemo(
    () => offlineConflicts({ edits, confirmedGoalIds, goals, rounds, goalRounds }),
    [edits, confirmedGoalIds, goals, rounds, goalRounds],
  );
  if (conflicts.length === 0) return null;
  return (
    <section className="alert conflict-notice" role="alert" data-testid="offline-conflict">
      <h2>{t('conflict.heading')}</h2>
      <ul>
        {conflicts.map((conflict) => (
          <li key={conflict.goalId} data-kind={conflict.kind}>
            {conflict.kind === 'invalidated'
              ? t('conflict.invalidated', { title: conflict.title, number: conflict.roundNumber })
              : t('conflict.changedSinceAgreement', { title: conflict.title })}
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="button secondary"
        onClick={() => session.offline.dismissEdits(conflicts.map((conflict) => conflict.goalId))}
        data-testid="conflict-dismiss"
      >
        {t('conflict.dismiss')}
      </button>
    </section>
  );
}
