import type { ActivityEvent, RoundOutcome } from '@common-ground/shared/api';
import type { Stage } from '@common-ground/shared/schema';
import type { MailBlock } from './compose';
import { type MailKey, type MailText, oneLine } from './text';

/** What a digest reports, per goal: read from the activity service's events of one period. */
export interface DigestSummary {
  readonly newGoals: readonly string[];
  /** Goals that ended the period in another column: title and that column. */
  readonly moved: readonly { readonly goal: string; readonly stage: Stage }[];
  readonly roundsOpened: readonly { readonly goal: string; readonly number: number }[];
  readonly roundsClosed: readonly {
    readonly goal: string;
    readonly number: number;
    readonly outcome: RoundOutcome;
    readonly at: number;
  }[];
  readonly comments: readonly { readonly goal: string; readonly count: number }[];
}

export const isEmptyDigest = (s: DigestSummary): boolean =>
  s.newGoals.length + s.moved.length + s.roundsOpened.length + s.roundsClosed.length + s.comments.length ===
  0;

/**
 * The changes of (from, to] in plain terms: new goals, goals in another column, rounds opened and closed with
 * their outcomes, and how many comments each goal got (never their text: the board shows it, a mail need not).
 * Reorderings within a column and goals proposed and removed within the period are left out.
 */
export function summarise(events: readonly ActivityEvent[], from: number, to: number): DigestSummary {
  const inPeriod = events.filter((e) => e.at > from && e.at <= to);
  const removed = new Set(inPeriod.filter((e) => e.type === 'goal_removed').map((e) => e.goalId));
  const titles = new Map<string, string>();
  for (const e of inPeriod) titles.set(e.goalId, e.goalTitle);
  const title = (goalId: string) => oneLine(titles.get(goalId) ?? '');
  const stages = new Map<string, Stage>();
  const comments = new Map<string, number>();
  const newGoals: string[] = [];
  const roundsOpened: { goal: string; number: number }[] = [];
  const roundsClosed: { goal: string; number: number; outcome: RoundOutcome; at: number }[] = [];
  for (const e of inPeriod) {
    if (e.type === 'goal_proposed' && !removed.has(e.goalId)) newGoals.push(e.goalId);
    else if (e.type === 'stage_changed') stages.set(e.goalId, e.to);
    else if (e.type === 'comment_added' && !e.hidden)
      comments.set(e.goalId, (comments.get(e.goalId) ?? 0) + 1);
    else if (e.type === 'round_opened') roundsOpened.push({ goal: title(e.goalId), number: e.roundNumber });
    else if (e.type === 'round_closed') {
      roundsClosed.push({ goal: title(e.goalId), number: e.roundNumber, outcome: e.outcome, at: e.at });
    }
  }
  return {
    newGoals: newGoals.map(title),
    moved: [...stages]
      .filter(([goalId]) => !removed.has(goalId))
      .map(([goalId, stage]) => ({ goal: title(goalId), stage })),
    roundsOpened,
    roundsClosed,
    comments: [...comments]
      .filter(([goalId]) => !removed.has(goalId))
      .map(([goalId, count]) => ({ goal: title(goalId), count })),
  };
}

const OUTCOME_KEY: Readonly<Record<RoundOutcome, MailKey>> = {
  agreed: 'outcome.agreed',
  objected: 'outcome.objected',
  no_quorum: 'outcome.noQuorum',
  invalidated: 'outcome.invalidated',
};

/** A round's outcome in the product's words ("Agreed in round 2 on 3 March 2027"). */
export const outcomeText = (text: MailText, outcome: RoundOutcome, number: number, at: number): string =>
  text.t(OUTCOME_KEY[outcome], { number, date: text.date(at) });

/** The digest's lists, each under its heading; empty ones left out. */
export function digestBlocks(text: MailText, summary: DigestSummary): MailBlock[] {
  const lists: [MailKey, string[]][] = [
    ['digest.newGoals', summary.newGoals.map((goal) => text.t('digest.goalItem', { goal }))],
    [
      'digest.moved',
      summary.moved.map(({ goal, stage }) =>
        text.t('digest.movedItem', { goal, stage: text.t(`stage.${stage}` as MailKey) }),
      ),
    ],
    [
      'digest.roundsOpened',
      summary.roundsOpened.map(({ goal, number }) => text.t('digest.roundOpenedItem', { goal, number })),
    ],
    [
      'digest.roundsClosed',
      summary.roundsClosed.map(({ goal, number, outcome, at }) =>
        text.t('digest.roundClosedItem', { goal, outcome: outcomeText(text, outcome, number, at) }),
      ),
    ],
    [
      'digest.comments',
      summary.comments.map(({ goal, count }) => text.t('digest.commentsItem', { goal, count })),
    ],
  ];
  return lists
    .filter(([, items]) => items.length > 0)
    .map(([heading, items]) => ({ heading: text.t(heading), items }));
}
