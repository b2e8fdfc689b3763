import { useMemo } from 'react';
import type { GoalFocus } from '../board/GoalDialog';
import { useMyPartnerId } from '../board/lookups';
import { useT } from '../i18n/locale';
import { goalTitles } from '../sync/goalIndex';
import { useBoard } from '../sync/SessionContext';
import { roundsAwaitingPartner, timeLeft } from './awaiting';
import { useNow } from './useNow';

/** For a partner's people: the rounds that still wait for their organisation's stance, and how long they have. */
export function AwaitingRounds({ onOpen }: { onOpen: (goalId: string, focus: GoalFocus) => void }) {
  const t = useT();
  const now = useNow();
  const partnerId = useMyPartnerId();
  const rounds = useBoard((s) => s.rounds);
  const goals = useBoard((s) => goalTitles(s.goals));
  const waiting = useMemo(
    () => (partnerId ? roundsAwaitingPartner(rounds, partnerId) : []),
    [rounds, partnerId],
  );
  if (waiting.length === 0) return null;
  return (
    <section className="notice-panel" aria-labelledby="awaiting-heading" data-testid="awaiting-rounds">
      <h2 id="awaiting-heading">{t('async.heading')}</h2>
      <p className="hint">{t('async.intro')}</p>
      <ul className="notice-list">
        {waiting.map((round) => {
          const title = goals.find((goal) => goal.id === round.goalId)?.title || round.wording.title;
          const left = timeLeft(round.deadline, now);
          return (
            <li key={round.id} data-testid="awaiting-round">
              <span className="notice-title">{title}</span>
              <span className="badge" data-testid="time-left">
                {t(left.key, { count: left.count ?? 0 })}
              </span>
              <button
                type="button"
                className="button secondary"
                aria-label={t('async.giveStanceLabel', { title })}
                onClick={() => onOpen(round.goalId, 'round')}
              >
                {t('async.giveStance')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
