import { describe, expect, it } from 'vitest';
import type { Partner } from '../api/entities';
import type { PartnerProfile } from '../api/network';
import type { HealthFigure, HealthResponse } from '../api/process';
import { PARTNER_KINDS } from '../api/vocabulary';
import type { GoalStructure } from '../schema/goalDetails';
import {
  type HealthInput,
  type HealthRound,
  healthCheck,
  meetings,
  meetsRegularly,
  VOICE_FINDING_MIN_TOTAL,
  voiceFindingSupported,
} from './health';
import { type Contribution, voiceBalance } from './voiceBalance';

const DAY = 24 * 60 * 60 * 1000;
// 2027-03-10 10:00 in Berlin (09:00 UTC).
const T0 = Date.UTC(2027, 2, 10, 9, 0);

const residents: Partner = { id: 'res', name: 'Mieterinitiative', kind: 'residents' };
const housing: Partner = { id: 'hou', name: 'Wohnbau GmbH', kind: 'housing' };
const school: Partner = { id: 'sch', name: 'Grundschule', kind: 'school' };

const empty: HealthInput = {
  now: T0,
  partners: [],
  profiles: [],
  goals: [],
  structures: new Map(),
  rounds: [],
  changes: [],
  visits: [],
  facilitationChanges: [],
  balance: voiceBalance({ partners: [], contributions: [] }),
};

/** The voice balance the server computes, for these partners and contributions. */
const heard = (partners: Partner[], contributions: Contribution[] = []) => ({
  partners,
  balance: voiceBalance({ partners, contributions }),
});

const profile = (partnerId: string, fields: Partial<PartnerProfile> = {}): PartnerProfile => ({
  partnerId,
  description: '',
  offers: [],
  offersNote: '',
  interests: '',
  contact: '',
  updatedBy: 'p1',
  updatedAt: T0,
  ...fields,
});

const round = (goalId: string, number: number, fields: Partial<HealthRound> = {}): HealthRound => ({
  goalId,
  number,
  openedAt: T0 + number * 1000,
  closedAt: T0 + number * 1000 + 500,
  outcome: 'agreed',
  wordingHash: `h${number}`,
  closedByFacilitator: true,
  ...fields,
});

const structure = (fields: Partial<GoalStructure> = {}): GoalStructure => ({
  leadPartnerId: 'res',
  commitments: [{ partnerId: 'hou', text: 'Räume' }],
  reviewDate: '2027-09-01',
  ...fields,
});

function find(health: HealthResponse, id: HealthFigure['id']) {
  for (const l of health.lines) {
    const f = l.figures.find((x) => x.id === id);
    if (f) return { line: l, figure: f };
  }
  throw new Error(`no figure ${id}`);
}

describe('healthCheck on an empty board', () => {
  const health = healthCheck(empty);

  it('has one line per principle, in a fixed order, with zero figures and a first step each', () => {
    expect(health.lines.map((l) => l.principle)).toEqual([
      'network',
      'transparency',
      'structures',
      'goals',
      'organisation',
      'legitimation',
    ]);
    expect(health.lines.map((l) => l.suggestion)).toEqual([
      'network.noPartners',
      'transparency.ok',
      'structures.noneAgreed',
      'goals.noGoals',
      'organisation.noMeeting',
      'legitimation.noPartners',
    ]);
    expect(find(health, 'profiles').figure).toMatchObject({ count: 0, of: 0 });
    expect(find(health, 'unseen').figure).toMatchObject({ count: 0, of: 0, at: null });
    expect(find(health, 'meetings').figure).toMatchObject({ count: 0, at: null });
    expect(find(health, 'kindBalance').figure.kinds).toEqual([]);
  });
});

describe('network inventory', () => {
  it('counts partners whose profile says something, and names the residents’ partners', () => {
    const health = healthCheck({
      ...empty,
      partners: [residents, housing, school],
      profiles: [
        profile('res', { description: 'Wir sind 40 Haushalte' }),
        profile('hou'),
        profile('sch', { offers: ['rooms'] }),
      ],
    });
    expect(find(health, 'profiles').figure).toMatchObject({ count: 2, of: 3 });
    expect(find(health, 'residents').figure).toMatchObject({ count: 1, names: ['Mieterinitiative'] });
    expect(find(health, 'profiles').line).toMatchObject({
      attention: true,
      suggestion: 'network.missingProfiles',
    });
  });

  it('asks for residents first on a board without any', () => {
    const health = healthCheck({
      ...empty,
      partners: [housing, school],
      profiles: [profile('hou', { contact: 'x' })],
    });
    expect(find(health, 'residents').figure).toMatchObject({ count: 0, names: [] });
    expect(find(health, 'residents').line.suggestion).toBe('network.noResidents');
  });

  it('is fine when every partner has a profile and residents are at the table', () => {
    const health = healthCheck({
      ...empty,
      partners: [residents],
      profiles: [profile('res', { interests: 'Ruhe' })],
    });
    expect(find(health, 'profiles').line).toMatchObject({ attention: false, suggestion: 'network.ok' });
  });
});

describe('transparency', () => {
  const base: HealthInput = { ...empty, partners: [residents, housing] };

  it('counts changes since the last meeting that some partner has not seen, and names who is behind', () => {
    const health = healthCheck({
      ...base,
      facilitationChanges: [T0],
      changes: [
        { at: T0 - 1000, partnerId: 'res' }, // before the meeting: not counted
        { at: T0 + 2 * DAY, partnerId: 'res' }, // housing has not been back since
        { at: T0 + 3 * DAY, partnerId: 'hou' }, // its own change; residents saw it
      ],
      visits: [
        { partnerId: 'res', seenUntil: T0 + 4 * DAY },
        { partnerId: 'hou', seenUntil: T0 + DAY },
      ],
    });
    expect(find(health, 'unseen').figure).toMatchObject({ count: 1, of: 2, names: ['Wohnbau GmbH'], at: T0 });
    expect(find(health, 'unseen').line.suggestion).toBe('transparency.unseen');
  });

  it('counts everything when there was no meeting yet, and a partner never on the board has seen nothing', () => {
    const health = healthCheck({ ...base, changes: [{ at: T0, partnerId: null }], visits: [] });
    expect(find(health, 'unseen').figure).toMatchObject({
      count: 1,
      of: 1,
      names: ['Mieterinitiative', 'Wohnbau GmbH'],
    });
  });

  it('lists objections without a later round or a changed wording', () => {
    const health = healthCheck({
      ...base,
      goals: [
        { id: 'a', title: 'Spielplatz', wordingHash: 'h1' }, // objected, untouched: open
        { id: 'b', title: 'Café', wordingHash: 'changed' }, // objected, wording amended since
        { id: 'c', title: 'Hof', wordingHash: 'h2' }, // objected, then a new round
      ],
      rounds: [
        round('a', 1, { outcome: 'objected' }),
        round('b', 1, { outcome: 'objected' }),
        round('c', 1, { outcome: 'objected' }),
        round('c', 2, { closedAt: null, outcome: null }),
      ],
    });
    expect(find(health, 'openObjections').figure).toMatchObject({ count: 1, names: ['Spielplatz'] });
    expect(find(health, 'openObjections').line).toMatchObject({
      attention: true,
      suggestion: 'transparency.openObjections',
    });
  });
});

describe('clear structures and shared goals', () => {
  const goals = [
    { id: 'a', title: 'Spielplatz', wordingHash: 'h2' },
    { id: 'b', title: 'Café', wordingHash: 'h1' },
    { id: 'c', title: 'Hof', wordingHash: 'h1' },
    { id: 'd', title: 'Lärm', wordingHash: 'h1' },
  ];
  const rounds = [
    round('a', 1, { outcome: 'objected' }),
    round('a', 2), // agreed after an amendment (h1 → h2)
    round('b', 1),
    round('c', 1, { outcome: 'objected' }), // still open objection
    round('d', 1, { outcome: 'no_quorum' }),
  ];

  it('counts agreed goals with lead, commitments and a review date, and names the incomplete ones', () => {
    const health = healthCheck({
      ...empty,
      goals,
      rounds,
      structures: new Map([
        ['a', structure()],
        ['b', structure({ reviewDate: null })],
      ]),
    });
    expect(find(health, 'structured').figure).toMatchObject({ count: 1, of: 2, names: ['Café'] });
    expect(find(health, 'structured').line.suggestion).toBe('structures.incomplete');
  });

  it('counts agreed of proposed goals, rounds per agreed goal and objections resolved by amendment', () => {
    const health = healthCheck({ ...empty, goals, rounds });
    expect(find(health, 'agreed').figure).toMatchObject({ count: 2, of: 4 });
    expect(find(health, 'roundsPerAgreed').figure).toMatchObject({ count: 3, of: 2 });
    expect(find(health, 'amended').figure).toMatchObject({ count: 1, of: 2 });
    expect(find(health, 'agreed').line.suggestion).toBe('goals.ok');
  });

  it('does not count an agreed goal whose later round did not agree', () => {
    const health = healthCheck({
      ...empty,
      goals: [{ id: 'a', title: 'A', wordingHash: 'h2' }],
      rounds: [round('a', 1), round('a', 2, { outcome: 'objected' })],
    });
    expect(find(health, 'agreed').figure).toMatchObject({ count: 0, of: 1 });
    expect(find(health, 'agreed').line.suggestion).toBe('goals.noneAgreed');
  });
});

describe('process organisation', () => {
  it('counts days with session work or a round opened and closed by the facilitator the same day', () => {
    const held = meetings({
      facilitationChanges: [T0, T0 + 60_000, T0 + 7 * DAY],
      rounds: [
        round('a', 1, { openedAt: T0 + 14 * DAY, closedAt: T0 + 14 * DAY + 1000 }),
        // Asynchronous: open for three days.
        round('b', 1, { openedAt: T0 + 20 * DAY, closedAt: T0 + 23 * DAY }),
        // Closed by its deadline, not by the facilitator.
        round('c', 1, { openedAt: T0 + 30 * DAY, closedAt: T0 + 30 * DAY + 1, closedByFacilitator: false }),
      ],
    });
    expect(held.days).toEqual(['2027-03-10', '2027-03-17', '2027-03-24']);
    expect(held.lastAt).toBe(T0 + 14 * DAY + 1000);
  });

  it('uses the board’s time zone for the calendar day', () => {
    // 23:30 UTC on the 10th is already the 11th in Berlin.
    const late = Date.UTC(2027, 2, 10, 23, 30);
    expect(meetings({ facilitationChanges: [late], rounds: [] }).days).toEqual(['2027-03-11']);
    expect(meetings({ facilitationChanges: [late], rounds: [], timeZone: 'UTC' }).days).toEqual([
      '2027-03-10',
    ]);
  });

  it('says how long ago the last meeting was and suggests one after six weeks', () => {
    const recent = healthCheck({ ...empty, now: T0 + 3 * DAY, facilitationChanges: [T0] });
    expect(find(recent, 'meetings').figure).toMatchObject({ count: 1, at: T0 });
    expect(find(recent, 'sinceLastMeeting').figure).toMatchObject({ count: 3 });
    expect(find(recent, 'meetings').line.suggestion).toBe('organisation.oneMeeting');
    const old = healthCheck({ ...empty, now: T0 + 50 * DAY, facilitationChanges: [T0] });
    expect(find(old, 'sinceLastMeeting').figure.count).toBe(50);
    expect(find(old, 'meetings').line.suggestion).toBe('organisation.longAgo');
  });
});

describe('what the organisation line claims about meetings', () => {
  const at = (...days: number[]) => days.map((d) => T0 + d * DAY);
  const organisation = (now: number, facilitationChanges: number[]) =>
    find(healthCheck({ ...empty, now, facilitationChanges }), 'meetings').line;

  it('says "one meeting so far" after one meeting, never that the group meets regularly', () => {
    expect(organisation(T0 + DAY, at(0))).toMatchObject({
      suggestion: 'organisation.oneMeeting',
      attention: false,
    });
  });

  it('needs three meetings for a rhythm: two at a steady gap are not yet regular', () => {
    expect(organisation(T0 + 15 * DAY, at(0, 14)).suggestion).toBe('organisation.ok');
    expect(organisation(T0 + 29 * DAY, at(0, 14, 28))).toMatchObject({
      suggestion: 'organisation.regular',
      attention: false,
    });
  });

  it('calls gaps regular up to twice the shortest, not beyond', () => {
    expect(meetsRegularly(['2027-03-01', '2027-03-08', '2027-03-22'])).toBe(true); // 7 and 14 days
    expect(meetsRegularly(['2027-03-01', '2027-03-08', '2027-03-23'])).toBe(false); // 7 and 15 days
    expect(meetsRegularly(['2027-03-01', '2027-03-03', '2027-03-31'])).toBe(false); // 2 and 28 days
  });

  it('does not call gaps over six weeks regular, even when they are even', () => {
    expect(meetsRegularly(['2027-01-01', '2027-02-12', '2027-03-26'])).toBe(true); // 42 and 42 days
    expect(meetsRegularly(['2027-01-01', '2027-02-13', '2027-03-28'])).toBe(false); // 43 and 43 days
  });

  it('counts days since the last meeting in calendar days of the board’s region', () => {
    // 22:00 and 07:00 next morning in Berlin: 9 hours, but yesterday.
    const evening = Date.UTC(2027, 2, 10, 21, 0);
    const since = (now: number) =>
      find(healthCheck({ ...empty, now, facilitationChanges: [evening] }), 'sinceLastMeeting').figure.count;
    expect(since(evening + 9 * 60 * 60 * 1000)).toBe(1);
    expect(since(evening + 60 * 60 * 1000 * 0.5)).toBe(0);
  });

  it('asks for a meeting after more than six weeks, even after a regular rhythm', () => {
    expect(organisation(T0 + 28 * DAY + 43 * DAY, at(0, 14, 28))).toMatchObject({
      suggestion: 'organisation.longAgo',
      attention: true,
    });
  });
});

describe('legitimation and power', () => {
  const partners = [residents, housing, school];

  it('shows each kind’s share beside its equal share and flags a kind heard less than half of it', () => {
    const health = healthCheck({
      ...empty,
      ...heard(partners, [
        ...Array.from({ length: 16 }, (_, i) => ({ kind: 'edit' as const, partnerId: 'hou', at: i })),
        { kind: 'proposal', partnerId: 'sch', at: 1 },
        { kind: 'stance', partnerId: 'res', at: 2 },
        { kind: 'edit', partnerId: null, at: 3 }, // the facilitator: in nobody's share
      ]),
    });
    const { figure: balance, line } = find(health, 'kindBalance');
    expect(balance.count).toBe(18);
    expect(balance.kinds.map((k) => k.kind)).toEqual(['residents', 'housing', 'school']);
    expect(balance.kinds[0]).toMatchObject({ partners: 1, count: 1, share: 1 / 18, quiet: true });
    expect(balance.kinds[0]?.equalShare).toBeCloseTo(1 / 3);
    expect(balance.kinds[1]).toMatchObject({ count: 16, share: 16 / 18, quiet: false });
    expect(line.suggestion).toBe('legitimation.quietKind');
    expect(find(health, 'noStance').figure).toMatchObject({
      count: 2,
      of: 3,
      names: ['Grundschule', 'Wohnbau GmbH'],
    });
  });

  it('flags nobody while nobody has said anything, and asks for stances only once there were rounds', () => {
    const quiet = healthCheck({ ...empty, ...heard(partners) });
    expect(find(quiet, 'kindBalance').figure.kinds.every((k) => !k.quiet)).toBe(true);
    expect(find(quiet, 'kindBalance').line).toMatchObject({
      suggestion: 'legitimation.tooFew',
      attention: false,
    });
    const withRound = healthCheck({ ...empty, ...heard(partners), rounds: [round('a', 1)] });
    expect(find(withRound, 'noStance').line.suggestion).toBe('legitimation.noStance');
  });

  it('works on a board without residents: no residents kind in the balance', () => {
    const health = healthCheck({
      ...empty,
      ...heard(
        [housing, school],
        [
          { kind: 'edit', partnerId: 'hou', at: 1 },
          { kind: 'edit', partnerId: 'sch', at: 1 },
        ],
      ),
    });
    expect(find(health, 'kindBalance').figure.kinds.map((k) => k.kind)).toEqual(['housing', 'school']);
    expect(find(health, 'residents').line.suggestion).toBe('network.noResidents');
  });

  it('says nobody was heard less until enough was counted, overall and for the kind compared', () => {
    const edits = (partnerId: string, count: number): Contribution[] =>
      Array.from({ length: count }, (_, i) => ({ kind: 'edit', partnerId, at: i }));
    const check = (ps: Partner[], contributions: Contribution[]) => {
      const { figure, line } = find(healthCheck({ ...empty, ...heard(ps, contributions) }), 'kindBalance');
      return { quiet: figure.kinds.filter((k) => k.quiet).map((k) => k.kind), suggestion: line.suggestion };
    };
    // The keystroke case: every contribution from one side, but fewer than the minimum overall.
    // Nor does it call the voices balanced: too few were counted to say anything.
    expect(check([residents, housing], edits('res', VOICE_FINDING_MIN_TOTAL - 1))).toEqual({
      quiet: [],
      suggestion: 'legitimation.tooFew',
    });
    expect(
      check([residents, housing], [...edits('res', VOICE_FINDING_MIN_TOTAL / 2), ...edits('hou', 6)]),
    ).toEqual({ quiet: [], suggestion: 'legitimation.ok' });
    // Enough overall, and the equal share stands for six: the finding holds.
    expect(check([residents, housing], edits('res', VOICE_FINDING_MIN_TOTAL))).toEqual({
      quiet: ['housing'],
      suggestion: 'legitimation.quietKind',
    });
    // Half of the equal share exactly is not "much less".
    expect(check([residents, housing], [...edits('res', 9), ...edits('hou', 3)]).quiet).toEqual([]);
    // Seven kinds: an equal share of 14 contributions is under two each, too few to compare with.
    const many = PARTNER_KINDS.map((kind): Partner => ({ id: kind, name: kind, kind }));
    expect(check(many, edits('residents', 14)).quiet).toEqual([]);
    // With enough for each comparison, the silent kinds are named.
    expect(check(many, edits('residents', 28)).quiet).toEqual([
      'welfare',
      'housing',
      'municipality',
      'school',
      'business',
      'other',
    ]);
  });

  it('decides a finding from the counted figures alone', () => {
    expect(voiceFindingSupported(0, 11, 1 / 2)).toBe(false);
    expect(voiceFindingSupported(2, 12, 1 / 2)).toBe(true);
    expect(voiceFindingSupported(3, 12, 1 / 2)).toBe(false);
    expect(voiceFindingSupported(0, 12, 1 / 4)).toBe(false);
    expect(voiceFindingSupported(1, 16, 1 / 4)).toBe(true);
  });
});
