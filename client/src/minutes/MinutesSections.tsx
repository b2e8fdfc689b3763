import type { MinutesGoal, MinutesResponse, MinutesRound } from '@common-ground/shared/api';
import { showsStances } from '@common-ground/shared/api';
import { useId } from 'react';
import { Hyphenated } from '../app/hyphenation';
import type { Locale } from '../i18n/languages';
import { useLocale, useT } from '../i18n/locale';
import type { Translate } from '../i18n/translate';
import { formatMeetingWhen } from '../meetings/meetingTime';
import { formatDate, formatDateTime } from '../rounds/format';
import { ruleSummary } from '../rounds/ruleText';
import { StanceIcon } from '../rounds/StanceIcon';
import { keyedStances } from '../rounds/stances';
import type { MinutesNames } from './names';

/** Kicker, the meeting's title, the board, when and where, and whether the minutes are a draft or final. */
export function MinutesHeader(props: { minutes: MinutesResponse; boardTitle: string; names: MinutesNames }) {
  const { minutes, boardTitle, names } = props;
  const t = useT();
  const locale = useLocale();
  const { meeting, finalisedAt, finalisedBy } = minutes.content;
  const final = minutes.status === 'final';
  return (
    <header className="agreement-header minutes-header">
      <p className="agreement-kicker">
        <Hyphenated text={t('minutes.heading')} />
      </p>
      <h1 data-testid="minutes-title" dir="auto">
        <Hyphenated text={meeting.title} />
      </h1>
      <dl className="minutes-facts">
        <dt>{t('minutes.board')}</dt>
        <dd dir="auto">{boardTitle}</dd>
        <dt>{t('minutes.when')}</dt>
        <dd data-testid="minutes-when">{formatMeetingWhen(meeting, locale)}</dd>
        {meeting.place && (
          <>
            <dt>{t('minutes.where')}</dt>
            <dd dir="auto">{meeting.place}</dd>
          </>
        )}
      </dl>
      <p className={final ? 'minutes-state final' : 'minutes-state'} data-testid="minutes-state">
        {final && finalisedAt !== null
          ? t('minutes.statusFinal', {
              date: formatDateTime(finalisedAt, locale),
              name: names.person(finalisedBy),
            })
          : t('minutes.statusDraft')}
      </p>
    </header>
  );
}

/** The meeting's agenda: free items as written, goals by their title in the minutes. */
export function AgendaSection({ minutes }: { minutes: MinutesResponse }) {
  const t = useT();
  const headingId = useId();
  const titles = new Map(minutes.content.goals.map((g) => [g.goalId, g.title]));
  const agenda = minutes.content.meeting.agenda;
  return (
    <section className="minutes-section" aria-labelledby={headingId} data-testid="minutes-agenda">
      <h2 id={headingId}>{t('minutes.agenda')}</h2>
      {agenda.length === 0 ? (
        <p>{t('minutes.noAgenda')}</p>
      ) : (
        <ol>
          {agenda.map((entry, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the agenda is a fixed list; the same text may repeat
            <li key={index} dir="auto">
              {entry.kind === 'item' ? entry.text : titles.get(entry.goalId) || t('minutes.unknownGoal')}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function roundOutcome(round: MinutesRound, t: Translate, locale: Locale): string {
  const number = round.number;
  switch (round.outcome) {
    case 'agreed':
      return t('outcome.agreed', { number, date: formatDate(round.closedAt ?? round.openedAt, locale) });
    case 'objected':
      return t('outcome.objected', { number });
    case 'no_quorum':
      return t('outcome.noQuorum', { number });
    case 'invalidated':
      return t('outcome.invalidated', { number });
    default:
      return t('minutes.roundRunning', { number });
  }
}

function RoundView({ round, names }: { round: MinutesRound; names: MinutesNames }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="minutes-round" data-testid="minutes-round" data-outcome={round.outcome ?? 'open'}>
      <h4>{t('minutes.round', { number: round.number })}</h4>
      <p className="minutes-outcome">
        <strong>{roundOutcome(round, t, locale)}</strong>
      </p>
      <p>
        {t('minutes.roundFacts', {
          rule: ruleSummary(round.rule, t),
          visibility: t(`visibility.${round.visibility}`),
        })}
      </p>
      <p dir="auto">{t('minutes.roundWording', { title: round.wording.title })}</p>
      {showsStances(round.tally) || round.stances.length > 0 ? (
        <table className="agreement-stances minutes-stances">
          <caption>
            {t('agreement.stances', { responded: round.tally.responded, eligible: round.tally.eligible })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('tally.partner')}</th>
              <th scope="col">{t('tally.stance')}</th>
              <th scope="col">{t('tally.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {keyedStances(round.stances).map(({ key, stance: s }) => (
              <tr key={key}>
                <th scope="row">
                  <bdi>{names.partner(s.partnerId)}</bdi>
                </th>
                <td>
                  <StanceIcon stance={s.stance} /> {t(`stance.${s.stance}`)}
                  {s.provisional && ` (${t('stance.provisionalShort')})`}
                  {s.recordedByFacilitator && ` (${t('stance.byFacilitator')})`}
                </td>
                <td dir="auto">{s.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="hint">{t('tally.sealed')}</p>
      )}
    </div>
  );
}

function GoalView({ goal, names }: { goal: MinutesGoal; names: MinutesNames }) {
  const t = useT();
  const facts: string[] = [];
  if (goal.proposed) {
    const { participantId, partnerId } = goal.proposed;
    facts.push(
      participantId === null
        ? t('minutes.proposed')
        : partnerId === null
          ? t('minutes.proposedBy', { name: names.person(participantId) })
          : t('minutes.proposedByOrg', {
              name: names.person(participantId),
              organisation: names.partner(partnerId),
            }),
    );
  }
  if (goal.wordingChanges > 0) facts.push(t('minutes.wordingChanges', { count: goal.wordingChanges }));
  if (goal.movedTo) facts.push(t('minutes.movedTo', { stage: t(`stage.${goal.movedTo}`) }));
  if (goal.removed) facts.push(t('minutes.removed'));
  if (facts.length === 0 && goal.rounds.length === 0) facts.push(t('minutes.discussedOnly'));
  return (
    <article className="agreement-goal minutes-goal" data-testid="minutes-goal" data-goal-id={goal.goalId}>
      <h3>
        <bdi>
          {/* A goal the minutes know only by id (removed before any of its events) has no title. */}
          <Hyphenated text={goal.title || t('minutes.unknownGoal')} />
        </bdi>
      </h3>
      {facts.length > 0 && (
        <ul className="minutes-goal-facts">
          {facts.map((fact) => (
            <li key={fact}>{fact}</li>
          ))}
        </ul>
      )}
      {goal.rounds.map((round) => (
        <RoundView key={round.roundId} round={round} names={names} />
      ))}
    </article>
  );
}

/** Per goal, what happened during the meeting. */
export function GoalsSection({ minutes, names }: { minutes: MinutesResponse; names: MinutesNames }) {
  const t = useT();
  const headingId = useId();
  const goals = minutes.content.goals;
  return (
    <section className="minutes-section" aria-labelledby={headingId} data-testid="minutes-goals">
      <h2 id={headingId}>{t('minutes.goals')}</h2>
      {goals.length === 0 && <p>{t('minutes.noGoals')}</p>}
      {goals.map((goal) => (
        <GoalView key={goal.goalId} goal={goal} names={names} />
      ))}
    </section>
  );
}

/** Objections still standing: in an open round, or the reason a round failed. */
export function ObjectionsSection({ minutes, names }: { minutes: MinutesResponse; names: MinutesNames }) {
  const t = useT();
  const headingId = useId();
  const objections = minutes.content.openObjections;
  return (
    <section className="minutes-section" aria-labelledby={headingId} data-testid="minutes-objections">
      <h2 id={headingId}>{t('minutes.objections')}</h2>
      {objections.length === 0 ? (
        <p>{t('minutes.noObjections')}</p>
      ) : (
        <ul className="minutes-objections">
          {objections.map((o, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: anonymous objections in one round have nothing else to tell them apart
            <li key={`${o.roundId}:${index}`} className="minutes-objection" data-testid="minutes-objection">
              <strong>
                <bdi>{o.goalTitle}</bdi>
              </strong>{' '}
              (
              {t(o.roundOpen ? 'minutes.objectionOpen' : 'minutes.objectionClosed', {
                number: o.roundNumber,
              })}
              ){' – '}
              <bdi>{names.partner(o.partnerId)}</bdi>: <bdi>{o.reason ?? t('minutes.noReason')}</bdi>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
