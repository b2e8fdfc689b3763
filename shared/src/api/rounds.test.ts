import { describe, expect, it } from 'vitest';
import { DEFAULT_DECISION_RULE, DecisionRuleSchema } from '../rules/decisionRule';
import { wordingHash } from '../rules/wording';
import {
  type LinkedStance,
  OpenRoundRequest,
  type Round,
  RoundSchema,
  RoundsResponse,
  StanceRequest,
  showsStances,
  UpdateDecisionRuleRequest,
} from './rounds';

describe('DecisionRuleSchema', () => {
  it('fills in the defaults of each rule', () => {
    expect(DecisionRuleSchema.parse({ kind: 'consent' })).toEqual({ kind: 'consent', quorum: 2 / 3 });
    expect(DecisionRuleSchema.parse({ kind: 'consensus' })).toEqual({
      kind: 'consensus',
      quorum: 2 / 3,
      maxStandAsides: 0,
    });
    expect(DecisionRuleSchema.parse({ kind: 'majority', quorum: 0.5 })).toEqual({
      kind: 'majority',
      quorum: 0.5,
      threshold: 0.5,
    });
    expect(DEFAULT_DECISION_RULE).toEqual({ kind: 'consent', quorum: 2 / 3 });
  });

  it.each([
    [{}],
    [{ kind: 'unanimity' }],
    [{ kind: 'consent', quorum: 0 }],
    [{ kind: 'consent', quorum: 1.01 }],
    [{ kind: 'consent', quorum: '2/3' }],
    [{ kind: 'consent', quorum: Number.NaN }],
    [{ kind: 'consensus', maxStandAsides: -1 }],
    [{ kind: 'consensus', maxStandAsides: 1.5 }],
    [{ kind: 'majority', threshold: 0 }],
    [{ kind: 'majority', threshold: 2 }],
    [{ kind: 'consent', threshold: 0.5 }], // a field of another rule is a mistake, not something to drop
  ])('rejects %j', (rule) => {
    expect(DecisionRuleSchema.safeParse(rule).success).toBe(false);
  });

  it('is the body of a rule update', () => {
    expect(UpdateDecisionRuleRequest.parse({ rule: { kind: 'consensus', maxStandAsides: 1 } }).rule).toEqual({
      kind: 'consensus',
      quorum: 2 / 3,
      maxStandAsides: 1,
    });
    expect(UpdateDecisionRuleRequest.safeParse({ kind: 'consent' }).success).toBe(false);
  });
});

describe('OpenRoundRequest', () => {
  it('defaults to an open round without auto-close', () => {
    expect(OpenRoundRequest.parse({ goalId: 'g1' })).toEqual({
      goalId: 'g1',
      visibility: 'open',
      autoClose: false,
    });
  });

  it('takes visibility, deadline and auto-close', () => {
    const body = { goalId: 'g1', visibility: 'anonymous', deadline: 1_900_000_000_000, autoClose: true };
    expect(OpenRoundRequest.parse(body)).toEqual(body);
  });

  it.each([
    [{}],
    [{ goalId: '' }],
    [{ goalId: 'g/1' }],
    [{ goalId: 'g1', visibility: 'secret' }],
    [{ goalId: 'g1', deadline: '2027-01-01' }],
    [{ goalId: 'g1', deadline: 1.5 }],
    [{ goalId: 'g1', deadline: -1 }],
    [{ goalId: 'g1', autoClose: 'yes' }],
    [{ goalId: 'g1', extra: true }],
  ])('rejects %j', (body) => {
    expect(OpenRoundRequest.safeParse(body).success).toBe(false);
  });
});

describe('StanceRequest', () => {
  it.each(['agree', 'stand_aside'])('takes %s without a reason', (stance) => {
    expect(StanceRequest.parse({ stance })).toEqual({ stance });
  });

  it.each(['concerns', 'object'])('requires a reason for %s', (stance) => {
    for (const reason of [undefined, '', '   \n']) {
      const result = StanceRequest.safeParse({ stance, reason });
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => issue.path)).toEqual([['reason']]);
    }
    expect(StanceRequest.parse({ stance, reason: '  Zu teuer für uns.  ' })).toEqual({
      stance,
      reason: 'Zu teuer für uns.',
    });
  });

  it('accepts 2000 reason characters and rejects 2001', () => {
    expect(StanceRequest.safeParse({ stance: 'object', reason: 'x'.repeat(2000) }).success).toBe(true);
    expect(StanceRequest.safeParse({ stance: 'object', reason: 'x'.repeat(2001) }).success).toBe(false);
  });

  it('drops an empty reason on stances that need none', () => {
    expect(StanceRequest.parse({ stance: 'agree', reason: '  ' })).toEqual({ stance: 'agree' });
  });

  it('strips a partner named in the body, so the stance stays the caller’s', () => {
    expect(StanceRequest.parse({ stance: 'agree', partnerId: 'someone-else' })).toEqual({ stance: 'agree' });
  });

  it('takes a provisional stance and a facilitator’s stance on behalf of a partner', () => {
    const body = { stance: 'agree', provisional: { until: 1_900_000_000_000 }, onBehalfOfPartnerId: 'p1' };
    expect(StanceRequest.parse(body)).toEqual(body);
  });

  it.each([
    [{}],
    [{ stance: 'yes' }],
    [{ stance: 'agree', reason: 5 }],
    [{ stance: 'agree', provisional: true }],
    [{ stance: 'agree', provisional: {} }],
    [{ stance: 'agree', provisional: { until: 'soon' } }],
    [{ stance: 'agree', onBehalfOfPartnerId: '' }],
  ])('rejects %j', (body) => {
    expect(StanceRequest.safeParse(body).success).toBe(false);
  });
});

describe('RoundSchema', () => {
  const round: Round = {
    id: 'r1',
    boardId: 'AbCdEfGhIjKlMnOp',
    goalId: 'g1',
    number: 1,
    status: 'closed',
    outcome: 'agreed',
    outcomeReasons: ['includes_provisional'],
    openedAt: 1_800_000_000_000,
    openedBy: 'facilitator1',
    closedAt: 1_800_000_100_000,
    visibility: 'open',
    autoClose: false,
    rule: DEFAULT_DECISION_RULE,
    wording: {
      title: 'Spielplatz',
      description: 'Sanieren bis 2027',
      hash: wordingHash('Spielplatz', 'Sanieren bis 2027'),
    },
    eligiblePartnerIds: ['p1', 'p2'],
    stances: [],
    history: [],
    tally: { agree: 1, concerns: 1, stand_aside: 0, object: 0, responded: 2, eligible: 2 },
  };
  const linked: LinkedStance[] = [
    {
      partnerId: 'p1',
      stance: 'agree',
      provisional: { until: 1_800_500_000_000 },
      recordedBy: 'u1',
      recordedByFacilitator: false,
      at: 1_800_000_050_000,
    },
    {
      partnerId: 'p2',
      stance: 'concerns',
      reason: 'Pflege ungeklärt',
      recordedBy: 'facilitator1',
      recordedByFacilitator: true,
      at: 1_800_000_060_000,
    },
  ];
  round.stances = linked;
  round.history = [
    { ...(linked[0] as LinkedStance), stance: 'object', reason: 'Erst klären', superseded: true },
    ...linked.map((s) => ({ ...s, superseded: false })),
  ];

  it('round-trips a closed round through JSON', () => {
    expect(RoundsResponse.parse(JSON.parse(JSON.stringify({ rounds: [round] })))).toEqual({
      rounds: [round],
    });
  });

  it('accepts an open anonymous round whose stances carry no names', () => {
    const { outcome: _o, outcomeReasons: _r, closedAt: _c, ...open } = round;
    const anonymous = {
      ...open,
      status: 'open',
      visibility: 'anonymous',
      stances: linked.map(({ at: _at, ...s }) => ({ ...s, partnerId: null, recordedBy: null })),
      history: [],
    };
    expect(RoundSchema.safeParse(anonymous).success).toBe(true);
  });

  it('keeps no time on an unlinked stance and no unlinked entry in the history', () => {
    const unlinked = { ...(linked[0] as LinkedStance), partnerId: null, recordedBy: null };
    const parsed = RoundSchema.parse({ ...round, stances: [unlinked], history: [] });
    expect(parsed.stances[0]).not.toHaveProperty('at');
    const history = [{ ...unlinked, superseded: true }];
    expect(RoundSchema.safeParse({ ...round, history }).success).toBe(false);
  });

  it('accepts a tally with counts only, and tells it from one with the distribution', () => {
    const countsOnly = { responded: 1, eligible: 2 };
    const parsed = RoundSchema.parse({ ...round, tally: countsOnly });
    expect(parsed.tally).toEqual(countsOnly);
    expect(showsStances(parsed.tally)).toBe(false);
    expect(showsStances(round.tally)).toBe(true);
  });

  it.each([
    ['a round number below 1', { number: 0 }],
    ['an unknown status', { status: 'paused' }],
    ['an unknown outcome', { outcome: 'postponed' }],
    ['a malformed hash', { wording: { ...round.wording, hash: 'abc' } }],
    ['a malformed board id', { boardId: 'short' }],
    ['an unknown visibility', { visibility: 'secret' }],
  ])('rejects %s', (_label, change) => {
    expect(RoundSchema.safeParse({ ...round, ...change }).success).toBe(false);
  });

  it('knows invalidated rounds', () => {
    expect(
      RoundSchema.safeParse({ ...round, outcome: 'invalidated', outcomeReasons: undefined }).success,
    ).toBe(true);
  });
});
