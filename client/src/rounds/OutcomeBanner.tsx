import type { Round } from '@common-ground/shared/api';
import type { Ref } from 'react';
import type { MessageKey } from '../i18n/catalogues';
import { useLocale, useT } from '../i18n/locale';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { formatDate } from './format';

function headlineKey(round: Round): MessageKey {
  switch (round.outcome) {
    case 'agreed':
      return 'outcome.agreed';
    case 'objected':
      // Under consensus or majority a wording can fail without any Einwand; it must not be called one.
      return round.outcomeReasons?.includes('objection') ? 'outcome.objected' : 'outcome.notAccepted';
    case 'no_quorum':
      return 'outcome.noQuorum';
    default:
      return 'outcome.invalidated';
  }
}

/**
 * A closed round's result as a moment to notice, with the reasons the rule gave. With `ref` it can take focus
 * (where the person who closed the round continues).
 */
export function OutcomeBanner({ round, ref }: { round: Round; ref?: Ref<HTMLDivElement> }) {
  const t = useT();
  const locale = useLocale();
  if (round.status !== 'closed' || !round.outcome) return null;
  const date = formatDate(round.closedAt ?? round.openedAt, locale);
  return (
    <div
      ref={ref}
      tabIndex={ref ? -1 : undefined}
      className={`outcome-banner outcome-${round.outcome}`}
      data-testid="outcome-banner"
    >
      <p className="outcome-headline">
        <span className="outcome-mark" aria-hidden="true">
          {round.outcome === 'agreed' ? '✓' : '!'}
        </span>
        {t(headlineKey(round), { number: round.number, date })}
      </p>
      {round.outcomeReasons && round.outcomeReasons.length > 0 && (
        <ul className="outcome-reasons">
          {round.outcomeReasons.map((code) => (
            <li key={code}>{t(`reason.${code}`)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** After an objection the goal goes back to discussion; the facilitator moves it there with one click. */
export function BackToDiscussionButton({ goalId }: { goalId: string }) {
  const t = useT();
  const { session, role } = useBoardContext();
  const stage = useBoard((s) => s.goals.find((g) => g.id === goalId)?.stage);
  if (role !== 'facilitator' || !stage || stage === 'discussing') return null;
  return (
    <button
      type="button"
      className="button secondary"
      onClick={() => session.setGoalStage(goalId, 'discussing')}
      data-testid="back-to-discussion"
    >
      {t('outcome.backToDiscussion')}
    </button>
  );
}
