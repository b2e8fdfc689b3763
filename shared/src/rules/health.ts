import type { Partner } from '../api/entities';
import type { PartnerProfile } from '../api/network';
import type { HealthFigure, HealthLine, HealthResponse, KindShare } from '../api/process';
import type { RoundOutcome } from '../api/rounds';
import type { GoalStructure } from '../schema/goalDetails';
import type { VoiceBalance } from './voiceBalance';

/** A round as the health check needs it: the server's record, reduced to what everyone may know. */
export interface HealthRound {
  readonly goalId: string;
  readonly number: number;
  readonly openedAt: number;
  readonly closedAt: number | null;
  readonly outcome: RoundOutcome | null;
  /** The wording hash the round decided on. */
  readonly wordingHash: string;
  /** Closed by the facilitator (not by a deadline, auto-close or an edit of the wording). */
  readonly closedByFacilitator: boolean;
}

export interface HealthInput {
  readonly now: number;
  /** For calendar days of meetings; the board's region. */
  readonly timeZone?: string;
  readonly partners: readonly Partner[];
  readonly profiles: readonly PartnerProfile[];
  /** Goals on the board now, in board order, with the hash of their current wording. */
  readonly goals: readonly { readonly id: string; readonly title: string; readonly wordingHash: string }[];
  readonly structures: ReadonlyMap<string, GoalStructure>;
  readonly rounds: readonly HealthRound[];
  /** Every attributed change (goal edits, comments, rounds, stances) with the partner that made it. */
  readonly changes: readonly { readonly at: number; readonly partnerId: string | null }[];
  /** Per participant of a partner: until when it has seen the board (last visit; now if connected). */
  readonly visits: readonly { readonly partnerId: string; readonly seenUntil: number | null }[];
  /** When the facilitator set a focus or ran the timebox: session work at the table. */
  readonly facilitationChanges: readonly number[];
  /** The existing voice balance over the whole life of the board (`voiceBalance` in ./voiceBalance). */
  readonly balance: VoiceBalance;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Six weeks without a meeting is when network care usually starts to slip. */
export const MEETING_GAP_DAYS = 42;

const figure = (id: HealthFigure['id'], fields: Partial<Omit<HealthFigure, 'id'>> = {}): HealthFigure => ({
  id,
  count: 0,
  of: null,
  names: [],
  at: null,
  kinds: [],
  ...fields,
});

const line = (
  principle: HealthLine['principle'],
  suggestion: string,
  figures: HealthFigure[],
  attention = suggestion !== 'ok',
): HealthLine => ({
  principle,
  attention,
  suggestion: `${principle}.${suggestion}`,
  figures,
});

const byName = (names: Iterable<string>) => [...names].sort((a, b) => a.localeCompare(b, 'de'));

/** 'YYYY-MM-DD' of a moment in a time zone. */
export const calendarDay = (ms: number, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    ms,
  );

/**
 * Meetings held: calendar days on which the facilitator led a session — set a focus or ran the timebox, or
 * opened and closed a round on the same day. Preparing the agenda is desk work, so it does not count. A round that runs over days between meetings is
 * asynchronous work, not a meeting. `lastAt` is the last such action.
 */
export function meetings(input: Pick<HealthInput, 'facilitationChanges' | 'rounds' | 'timeZone'>): {
  days: string[];
  lastAt: number | null;
} {
  const timeZone = input.timeZone ?? 'Europe/Berlin';
  const moments = [...input.facilitationChanges];
  for (const r of input.rounds) {
    if (r.closedAt === null || !r.closedByFacilitator) continue;
    if (calendarDay(r.openedAt, timeZone) === calendarDay(r.closedAt, timeZone))
      moments.push(r.openedAt, r.closedAt);
  }
  const days = [...new Set(moments.map((m) => calendarDay(m, timeZone)))].sort();
  return { days, lastAt: moments.length === 0 ? null : Math.max(...moments) };
}

function roundsByGoal(rounds: readonly HealthRound[]): Map<string, HealthRound[]> {
  const map = new Map<string, HealthRound[]>();
  for (const r of rounds) map.set(r.goalId, [...(map.get(r.goalId) ?? []), r]);
  for (const list of map.values()) list.sort((a, b) => a.number - b.number);
  return map;
}

/** Goals on the board whose latest closed round agreed: the cooperation agreement. */
function agreedGoalIds(input: HealthInput, byGoal: Map<string, HealthRound[]>): string[] {
  return input.goals
    .filter((g) => (byGoal.get(g.id) ?? []).filter((r) => r.closedAt !== null).at(-1)?.outcome === 'agreed')
    .map((g) => g.id);
}

function networkLine(input: HealthInput): HealthLine {
  const filled = new Set(
    input.profiles
      .filter(
        (p) => [p.description, p.offersNote, p.interests, p.contact].some((t) => t.trim()) || p.offers.length,
      )
      .map((p) => p.partnerId),
  );
  const withProfile = input.partners.filter((p) => filled.has(p.id)).length;
  const residents = byName(input.partners.filter((p) => p.kind === 'residents').map((p) => p.name));
  const suggestion =
    input.partners.length === 0
      ? 'noPartners'
      : residents.length === 0
        ? 'noResidents'
        : withProfile < input.partners.length
          ? 'missingProfiles'
          : 'ok';
  return line('network', suggestion, [
    figure('profiles', { count: withProfile, of: input.partners.length }),
    figure('residents', { count: residents.length, names: residents }),
  ]);
}

function transparencyLine(
  input: HealthInput,
  byGoal: Map<string, HealthRound[]>,
  lastMeeting: number | null,
) {
  const seenUntil = new Map<string, number>();
  for (const v of input.visits) {
    if (v.seenUntil !== null)
      seenUntil.set(v.partnerId, Math.max(seenUntil.get(v.partnerId) ?? 0, v.seenUntil));
  }
  const recent = input.changes.filter((c) => lastMeeting === null || c.at > lastMeeting);
  const behind = new Set<string>();
  let unseen = 0;
  for (const change of recent) {
    const missing = input.partners.filter(
      (p) => p.id !== change.partnerId && (seenUntil.get(p.id) ?? Number.NEGATIVE_INFINITY) < change.at,
    );
    if (missing.length > 0) unseen++;
    for (const p of missing) behind.add(p.name);
  }
  // An objection is answered by a later round or by a changed wording (an amendment on its way to a new round).
  const open = input.goals.filter((g) => {
    const last = byGoal.get(g.id)?.at(-1);
    return last?.outcome === 'objected' && last.wordingHash === g.wordingHash;
  });
  const suggestion = open.length > 0 ? 'openObjections' : unseen > 0 ? 'unseen' : 'ok';
  return line('transparency', suggestion, [
    figure('unseen', { count: unseen, of: recent.length, names: byName(behind), at: lastMeeting }),
    figure('openObjections', { count: open.length, names: open.map((g) => g.title) }),
  ]);
}

function structuresLine(input: HealthInput, agreed: readonly string[]): HealthLine {
  const titles = new Map(input.goals.map((g) => [g.id, g.title]));
  const incomplete = agreed.filter((id) => {
    const s = input.structures.get(id);
    return !s || s.leadPartnerId === null || s.commitments.length === 0 || s.reviewDate === null;
  });
  const suggestion = agreed.length === 0 ? 'noneAgreed' : incomplete.length > 0 ? 'incomplete' : 'ok';
  return line('structures', suggestion, [
    figure('structured', {
      count: agreed.length - incomplete.length,
      of: agreed.length,
      names: incomplete.map((id) => titles.get(id) ?? ''),
    }),
  ]);
}

function goalsLine(input: HealthInput, byGoal: Map<string, HealthRound[]>, agreed: readonly string[]) {
  const roundsOnAgreed = agreed.reduce((sum, id) => sum + (byGoal.get(id)?.length ?? 0), 0);
  let objected = 0;
  let amended = 0;
  for (const g of input.goals) {
    const rounds = byGoal.get(g.id) ?? [];
    const objections = rounds.filter((r) => r.outcome === 'objected');
    if (objections.length === 0) continue;
    objected++;
    const resolved = objections.some((o) =>
      rounds.some((r) => r.number > o.number && r.outcome === 'agreed' && r.wordingHash !== o.wordingHash),
    );
    if (resolved) amended++;
  }
  const suggestion = input.goals.length === 0 ? 'noGoals' : agreed.length === 0 ? 'noneAgreed' : 'ok';
  return line('goals', suggestion, [
    figure('agreed', { count: agreed.length, of: input.goals.length }),
    figure('roundsPerAgreed', { count: roundsOnAgreed, of: agreed.length }),
    figure('amended', { count: amended, of: objected }),
  ]);
}

/** Whole calendar days from one 'YYYY-MM-DD' to another. */
const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** Fewer meetings than this are a start, not a rhythm. */
export const REGULAR_MIN_MEETINGS = 3;

/**
 * Whether meeting days (sorted 'YYYY-MM-DD') show a rhythm: at least three, no gap longer than six weeks, and the
 * longest gap at most twice the shortest — "every two weeks, once three" is regular, "twice in a week, then a
 * month" is not.
 */
export function meetsRegularly(days: readonly string[]): boolean {
  if (days.length < REGULAR_MIN_MEETINGS) return false;
  const gaps = days.slice(1).map((day, i) => daysBetween(days[i] as string, day));
  const longest = Math.max(...gaps);
  return longest <= MEETING_GAP_DAYS && longest <= 2 * Math.min(...gaps);
}

function organisationSuggestion(held: { days: string[]; lastAt: number | null }, daysSince: number): string {
  if (held.lastAt === null) return 'noMeeting';
  if (daysSince > MEETING_GAP_DAYS) return 'longAgo';
  if (held.days.length === 1) return 'oneMeeting';
  return meetsRegularly(held.days) ? 'regular' : 'ok';
}

function organisationLine(input: HealthInput, held: { days: string[]; lastAt: number | null }): HealthLine {
  const timeZone = input.timeZone ?? 'Europe/Berlin';
  // Calendar days, so that "today" and "yesterday" are true where the board meets.
  const daysSince =
    held.lastAt === null
      ? 0
      : Math.max(0, daysBetween(calendarDay(held.lastAt, timeZone), calendarDay(input.now, timeZone)));
  const suggestion = organisationSuggestion(held, daysSince);
  return line(
    'organisation',
    suggestion,
    [
      figure('meetings', { count: held.days.length, at: held.lastAt }),
      figure('sinceLastMeeting', { count: daysSince, at: held.lastAt }),
    ],
    suggestion === 'noMeeting' || suggestion === 'longAgo',
  );
}

/**
 * Below this many contributions of all partners together, nobody is said to have been heard less: a handful of
 * contributions says more about who happened to type than about who has a voice.
 */
export const VOICE_FINDING_MIN_TOTAL = 12;
/**
 * A kind is compared with its equal share only if that share stands for at least this many contributions: "1 of
 * 3 where 1.5 would be equal" is chance, "1 of 12 where 4 would be equal" is a pattern.
 */
export const VOICE_FINDING_MIN_EXPECTED = 4;

/**
 * Whether the counted figures support saying that a kind of partner was heard much less: enough contributions
 * overall and in its comparison, and fewer than half of what its equal share would give.
 */
export function voiceFindingSupported(count: number, total: number, equalShare: number): boolean {
  const expected = total * equalShare;
  return total >= VOICE_FINDING_MIN_TOTAL && expected >= VOICE_FINDING_MIN_EXPECTED && count < expected / 2;
}

function legitimationLine(input: HealthInput): HealthLine {
  const { balance } = input;
  const total = balance.totals.total;
  const kinds: KindShare[] = balance.kinds.map((k) => {
    const equalShare = Math.min(1, k.partners * balance.equalShare);
    return {
      kind: k.kind,
      partners: k.partners,
      count: k.counts.total,
      share: k.shares.total,
      equalShare,
      quiet: voiceFindingSupported(k.counts.total, total, equalShare),
    };
  });
  const noStance = byName(balance.partners.filter((p) => p.counts.stance === 0).map((p) => p.name));
  const suggestion =
    input.partners.length === 0
      ? 'noPartners'
      : kinds.some((k) => k.quiet)
        ? 'quietKind'
        : noStance.length > 0 && input.rounds.length > 0
          ? 'noStance'
          : // Too few contributions say nothing about balance either way: no finding, and no praise.
            total < VOICE_FINDING_MIN_TOTAL
            ? 'tooFew'
            : 'ok';
  return line(
    'legitimation',
    suggestion,
    [
      figure('kindBalance', { count: total, kinds }),
      figure('noStance', { count: noStance.length, of: input.partners.length, names: noStance }),
    ],
    suggestion !== 'ok' && suggestion !== 'tooFew',
  );
}

/**
 * The health check: one line per principle, each with the figures behind it and one suggestion. Pure, from what
 * the board holds; nothing here ranks partners (names are alphabetical, kinds in their fixed order).
 */
export function healthCheck(input: HealthInput): HealthResponse {
  const byGoal = roundsByGoal(input.rounds);
  const agreed = agreedGoalIds(input, byGoal);
  const held = meetings(input);
  return {
    generatedAt: input.now,
    lines: [
      networkLine(input),
      transparencyLine(input, byGoal, held.lastAt),
      structuresLine(input, agreed),
      goalsLine(input, byGoal, agreed),
      organisationLine(input, held),
      legitimationLine(input),
    ],
  };
}
