import type { Round } from '@common-ground/shared/api';
import { type GoalStructure, isReviewDue, type Stage } from '@common-ground/shared/schema';
import { formatDate, formatDay, today } from '../rounds/format';
import { BackToDiscussionButton } from '../rounds/OutcomeBanner';
import { StanceIcon } from '../rounds/StanceIcon';
import { keyedStances } from '../rounds/stances';
import type { GoalRounds } from '../sync/goalRounds';
import { useCardEnvironment } from './cardEnvironment';
import type { GoalFocus } from './GoalDialog';

/** Reasons given with one kind of stance, with the partner's name where the round shows names. */
function StanceReasons({
  round,
  stance,
  testId,
}: {
  round: Round;
  stance: 'concerns' | 'object';
  testId: string;
}) {
  const { t, partnerNames: names } = useCardEnvironment();
  const given = round.stances.filter((s) => s.stance === stance);
  if (given.length === 0) return null;
  return (
    <ul className={`card-reasons stance-${stance}`} data-testid={testId}>
      {keyedStances(given).map(({ key, stance: s }) => (
        <li key={key}>
          <StanceIcon stance={stance} size={14} />
          <span>
            <strong>
              {s.partnerId ? (names.get(s.partnerId) ?? t('tally.unknownPartner')) : t(`stance.${stance}`)}:
            </strong>{' '}
            {s.reason}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** What the record says about this goal's rounds, on its card: running round, agreement, objections. */
export function RoundBadges(props: {
  goalId: string;
  stage: Stage;
  title: string;
  rounds: GoalRounds | undefined;
  structure: GoalStructure | undefined;
  onOpen: (goalId: string, focus?: GoalFocus) => void;
}) {
  const { goalId, stage, title, rounds: state, structure, onOpen } = props;
  const { t, locale, role, partnerNames: names, myPartnerId } = useCardEnvironment();
  if (!state) return null;
  const { open, latestClosed, agreed, changedSinceAgreement } = state;
  const mayAnswer =
    open && role === 'partner' && myPartnerId && open.eligiblePartnerIds.includes(myPartnerId);
  // Offered on the card where it is the next step; the goal dialog offers it for any goal.
  const needsRound = !open && (agreed ? changedSinceAgreement : stage === 'ready');

  return (
    <div className="round-badges">
      {open && (
        <p className="badge round" data-testid="round-badge">
          <span>{t('round.running')}</span>
          <span>
            · {t('tally.responded', { responded: open.tally.responded, eligible: open.tally.eligible })}
          </span>
        </p>
      )}
      {agreed && latestClosed && (
        <div className="card-agreed" data-testid="card-agreed">
          <p>
            <span aria-hidden="true">✓ </span>
            {t('card.agreedIn', {
              number: latestClosed.number,
              date: formatDate(latestClosed.closedAt ?? 0, locale),
            })}
          </p>
          <StanceReasons round={latestClosed} stance="concerns" testId="card-concerns" />
          {structure?.leadPartnerId && (
            <p>{t('card.lead', { partner: names.get(structure.leadPartnerId) ?? '?' })}</p>
          )}
          {structure?.reviewDate && !isReviewDue(structure, today()) && (
            <p>{t('card.review', { date: formatDay(structure.reviewDate, locale) })}</p>
          )}
        </div>
      )}
      {changedSinceAgreement && (
        <p className="badge warning" data-testid="changed-badge">
          <span aria-hidden="true">!</span> {t('card.changed')}
        </p>
      )}
      {agreed && structure && isReviewDue(structure, today()) && (
        <p className="badge warning" data-testid="review-due-badge">
          <span aria-hidden="true">!</span> {t('card.reviewDue')}
        </p>
      )}
      {!open && latestClosed?.outcome === 'objected' && (
        <div className="card-objected" data-testid="card-objected">
          <p>
            <strong>
              {t(
                latestClosed.outcomeReasons?.includes('objection') ? 'card.objectedIn' : 'card.notAcceptedIn',
                { number: latestClosed.number },
              )}
            </strong>
          </p>
          <StanceReasons round={latestClosed} stance="object" testId="card-objections" />
          <BackToDiscussionButton goalId={goalId} />
        </div>
      )}
      {!open && (latestClosed?.outcome === 'no_quorum' || latestClosed?.outcome === 'invalidated') && (
        <p className="badge">
          {t(latestClosed.outcome === 'no_quorum' ? 'card.noQuorum' : 'card.invalidated', {
            number: latestClosed.number,
          })}
        </p>
      )}
      {mayAnswer && (
        <button
          type="button"
          className="button card-action"
          onClick={() => onOpen(goalId, 'round')}
          aria-label={t('card.giveStanceFor', { title })}
          data-testid="card-give-stance"
        >
          {t('card.giveStance')}
        </button>
      )}
      {role === 'facilitator' && (open || needsRound) && (
        <button
          type="button"
          className="button secondary card-action"
          onClick={() => onOpen(goalId, 'round')}
          aria-label={t(open ? 'card.showRoundFor' : 'card.openRoundFor', { title })}
          data-testid={open ? 'card-show-round' : 'card-open-round'}
        >
          {t(open ? 'card.showRound' : 'card.openRound')}
        </button>
      )}
    </div>
  );
}
