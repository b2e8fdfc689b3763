import type { Round } from '@common-ground/shared/api';
import { jsonEqual, wordingHash } from '@common-ground/shared/rules';
import type { Goal } from '@common-ground/shared/schema';

/** Where one goal stands in its consensus rounds, derived from the record and the goal's current wording. */
export interface GoalRounds {
  /** This goal's rounds, 1..n. */
  readonly rounds: readonly Round[];
  readonly open: Round | null;
  readonly latestClosed: Round | null;
  /** The latest closed round agreed: the goal belongs in "Vereinbart". */
  readonly agreed: boolean;
  /** Agreed, but the wording was edited since: it needs a new round. */
  readonly changedSinceAgreement: boolean;
}

const NONE: GoalRounds = {
  rounds: [],
  open: null,
  latestClosed: null,
  agreed: false,
  changedSinceAgreement: false,
};

export function goalRounds(goal: Pick<Goal, 'title' | 'description'>, rounds: readonly Round[]): GoalRounds {
  if (rounds.length === 0) return NONE;
  const sorted = [...rounds].sort((a, b) => a.number - b.number);
  const open = sorted.findLast((round) => round.status === 'open') ?? null;
  const latestClosed = sorted.findLast((round) => round.status === 'closed') ?? null;
  const agreed = latestClosed?.outcome === 'agreed';
  const changedSinceAgreement =
    agreed &&
    latestClosed !== null &&
    wordingHash(goal.title, goal.description) !== latestClosed.wording.hash;
  return { rounds: sorted, open, latestClosed, agreed, changedSinceAgreement };
}

/** The round state of every goal on the board, by goal id. */
export function roundsByGoal(
  goals: readonly Goal[],
  rounds: readonly Round[],
): Readonly<Record<string, GoalRounds>> {
  const grouped = new Map<string, Round[]>();
  for (const round of rounds) grouped.set(round.goalId, [...(grouped.get(round.goalId) ?? []), round]);
  return Object.fromEntries(goals.map((goal) => [goal.id, goalRounds(goal, grouped.get(goal.id) ?? [])]));
}

const sameGoalRounds = (a: GoalRounds, b: GoalRounds): boolean =>
  a.open === b.open &&
  a.latestClosed === b.latestClosed &&
  a.agreed === b.agreed &&
  a.changedSinceAgreement === b.changedSinceAgreement &&
  a.rounds.length === b.rounds.length &&
  a.rounds.every((round, i) => round === b.rounds[i]);

/**
 * `roundsByGoal` again for the goals in `goalIds` (their wording may have changed), or for every goal when
 * `goalIds` is null (the rounds changed). Every other goal keeps its entry, and an entry equal to the previous one
 * keeps the previous object (rounds compare by identity: see keepEqualRounds), so memoized cards keep equal props.
 */
export function updateRoundsByGoal(
  previous: Readonly<Record<string, GoalRounds>>,
  goals: readonly Goal[],
  rounds: readonly Round[],
  goalIds: ReadonlySet<string> | null,
): Readonly<Record<string, GoalRounds>> {
  const fresh = roundsByGoal(goalIds ? goals.filter((goal) => goalIds.has(goal.id)) : goals, rounds);
  const changes = new Map<string, GoalRounds | null>();
  for (const [id, entry] of Object.entries(fresh)) {
    const before = previous[id];
    if (!before || !sameGoalRounds(before, entry)) changes.set(id, entry);
  }
  // Goals that are gone: touched ones no longer on the board, or, when all were derived, any not derived again.
  for (const id of goalIds ?? Object.keys(previous))
    if (id in previous && !(id in fresh)) changes.set(id, null);
  if (changes.size === 0) return previous;
  const next: Record<string, GoalRounds> = { ...previous };
  for (const [id, entry] of changes) {
    if (entry) next[id] = entry;
    else delete next[id];
  }
  return next;
}

/** `next`, with each round that equals the previous round of its id replaced by that previous object. */
export function keepEqualRounds(previous: readonly Round[], next: readonly Round[]): readonly Round[] {
  const byId = new Map(previous.map((round) => [round.id, round]));
  let changed = previous.length !== next.length;
  const kept = next.map((round, i) => {
    const before = byId.get(round.id);
    const same = before !== undefined && jsonEqual(before, round);
    if (!same || previous[i] !== before) changed = true;
    return same ? before : round;
  });
  return changed ? kept : previous;
}

/**
 * The caller's view from the API (which includes the own partner's stance in hidden and anonymous rounds) where
 * it is at least as fresh as the live record's public view; the record wins as soon as it knows more.
 */
export function mergeRounds(record: readonly Round[], viewer: ReadonlyMap<string, Round>): Round[] {
  const recordIds = new Set(record.map((round) => round.id));
  const merged = record.map((round) => {
    const mine = viewer.get(round.id);
    if (!mine) return round;
    // A round only ever goes from open to closed, its history only grows, and so does the number of partners who
    // answered (where the history is withheld — hidden and anonymous rounds — that number is what the record tells).
    const fresher =
      mine.status === round.status
        ? mine.history.length >= round.history.length && mine.tally.responded >= round.tally.responded
        : mine.status === 'closed';
    return fresher ? mine : round;
  });
  // A round the API just returned may reach us before the record carries it.
  for (const round of viewer.values()) if (!recordIds.has(round.id)) merged.push(round);
  return merged;
}
