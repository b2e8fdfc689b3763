import type { ActivityEvent, Round } from '@common-ground/shared/api';
import { useEffect } from 'react';
import type { GoalFocus } from '../board/GoalDialog';
import { useLocale, useT } from '../i18n/locale';
import type { Translate } from '../i18n/translate';
import { formatDate, formatDateTime } from '../rounds/format';
import { goalTitles } from '../sync/goalIndex';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { useCatchUp } from './catchUpStore';

/** One short phrase per kind of change, in the order they first happened; repeats say nothing new. */
function summarize(changes: readonly ActivityEvent[], t: Translate): string {
  const phrases = changes.map((change) => {
    switch (change.type) {
      case 'goal_proposed':
        return t('catchup.proposed');
      case 'wording_changed':
        return t('catchup.wording');
      case 'stage_changed':
        return t('catchup.stage', { stage: t(`stage.${change.to}`) });
      case 'comment_added':
        return t('catchup.comment');
      case 'goal_removed':
        return t('catchup.removed');
      default:
        return t('catchup.details');
    }
  });
  return [...new Set(phrases)].join(' · ');
}

function outcomeText(round: Round, t: Translate, locale: ReturnType<typeof useLocale>): string {
  const number = round.number;
  switch (round.outcome) {
    case 'agreed':
      return t('outcome.agreed', { number, date: formatDate(round.closedAt ?? round.openedAt, locale) });
    case 'objected':
      return t('outcome.objected', { number });
    case 'no_quorum':
      return t('outcome.noQuorum', { number });
    default:
      return t('outcome.invalidated', { number });
  }
}

/** "Seit Ihrem letzten Besuch": what changed on the board while the person was away, until they hide it. */
export function CatchUpPanel({ onOpen }: { onOpen: (goalId: string, focus: GoalFocus) => void }) {
  const t = useT();
  const locale = useLocale();
  const { boardId, token } = useBoardContext();
  const live = useBoard((s) => s.connection.status === 'live');
  const goals = useBoard((s) => goalTitles(s.goals));
  const { since, dismissed, load, dismiss } = useCatchUp();

  useEffect(() => {
    if (live) load(boardId, token);
  }, [live, boardId, token, load]);

  if (!since || dismissed || since.lastVisitAt === null) return null;
  const titleOf = (goalId: string, fallback: string) =>
    goals.find((goal) => goal.id === goalId)?.title || fallback;
  const rounds = [
    ...since.roundsOpened
      .filter((round) => !since.roundsClosed.some((closed) => closed.id === round.id))
      .map((round) => ({
        key: `o-${round.id}`,
        goalId: round.goalId,
        text: t('catchup.roundOpened', {
          number: round.number,
          title: titleOf(round.goalId, round.wording.title),
        }),
      })),
    ...since.roundsClosed.map((round) => ({
      key: `c-${round.id}`,
      goalId: round.goalId,
      text: t('catchup.roundClosed', {
        title: titleOf(round.goalId, round.wording.title),
        outcome: outcomeText(round, t, locale),
      }),
    })),
  ];

  return (
    <section
      className="notice-panel catch-up-panel"
      aria-labelledby="catch-up-heading"
      data-testid="catch-up"
    >
      <div className="notice-heading">
        <h2 id="catch-up-heading">{t('catchup.heading')}</h2>
        <button type="button" className="button subtle" onClick={dismiss} data-testid="catch-up-dismiss">
          {t('catchup.dismiss')}
        </button>
      </div>
      <p className="hint">{t('catchup.since', { date: formatDateTime(since.lastVisitAt, locale) })}</p>
      {since.changedGoals.length > 0 && (
        <>
          <h3>{t('catchup.goals')}</h3>
          <ul className="notice-list">
            {since.changedGoals.map((goal) => (
              <li key={goal.goalId} data-testid="catch-up-goal">
                {goal.removed ? (
                  <span className="notice-title">{goal.title}</span>
                ) : (
                  <button
                    type="button"
                    className="link-button notice-title"
                    aria-label={t('catchup.open', { title: goal.title })}
                    onClick={() => onOpen(goal.goalId, 'goal')}
                  >
                    {goal.title}
                  </button>
                )}
                <span className="notice-detail">{summarize(goal.changes, t)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {rounds.length > 0 && (
        <>
          <h3>{t('catchup.rounds')}</h3>
          <ul className="notice-list">
            {rounds.map((round) => (
              <li key={round.key} data-testid="catch-up-round">
                <button
                  type="button"
                  className="link-button notice-title"
                  onClick={() => onOpen(round.goalId, 'round')}
                >
                  {round.text}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
