import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CurrentStance, decideOutcome, isComplete } from './decision';
import {
  type DecisionRule,
  type DecisionRuleInput,
  DecisionRuleSchema,
  STANCES,
  type Stance,
} from './decisionRule';

const LETTER: Record<string, Stance> = { a: 'agree', c: 'concerns', s: 'stand_aside', o: 'object' };

/** `'ac.o'` = four eligible partners p0..p3: p0 agrees, p1 has concerns, p2 has not responded, p3 objects. */
function table(pattern: string): { eligiblePartnerIds: string[]; stances: CurrentStance[] } {
  const letters = [...pattern];
  const stances = letters.flatMap((letter, i) => {
    const stance = LETTER[letter];
    return stance ? [{ partnerId: `p${i}`, stance }] : [];
  });
  return { eligiblePartnerIds: letters.map((_, i) => `p${i}`), stances };
}

const rule = (input: DecisionRuleInput): DecisionRule => DecisionRuleSchema.parse(input);
const decide = (pattern: string, r: DecisionRuleInput) => decideOutcome({ ...table(pattern), rule: rule(r) });

type Row = [pattern: string, rule: DecisionRuleInput, outcome: string, reasons: string[]];

describe('decideOutcome: outcome table', () => {
  const consent = { kind: 'consent' } as const;
  const consensus = { kind: 'consensus' } as const;
  const majority = { kind: 'majority' } as const;

  it.each<Row>([
    ['', consent, 'no_quorum', ['no_eligible_partners', 'quorum_not_met']],
    ['...', consent, 'no_quorum', ['quorum_not_met']],
    ['aaa', consent, 'agreed', []],
    ['aa.', consent, 'agreed', []], // 2 of 3 is exactly the default quorum of 2/3
    ['a..', consent, 'no_quorum', ['quorum_not_met']],
    ['ac.', consent, 'agreed', []],
    ['as.', consent, 'agreed', []], // a stand-aside counts as a response
    ['aao', consent, 'objected', ['objection']],
    ['o..', consent, 'objected', ['objection', 'quorum_not_met']], // an objection is heard even below quorum
    ['sss', consent, 'no_quorum', ['all_stood_aside']],
    ['ss.', consent, 'no_quorum', ['all_stood_aside']],
    ['aaaaaa....', consent, 'no_quorum', ['quorum_not_met']], // 6/10 < 2/3
    ['aaaaaaa...', consent, 'agreed', []], // 7/10 ≥ 2/3
    ['aaa', { kind: 'consent', quorum: 1 }, 'agreed', []],
    ['aa.', { kind: 'consent', quorum: 1 }, 'no_quorum', ['quorum_not_met']],
    ['aaaaaaa...', { kind: 'consent', quorum: 0.7 }, 'agreed', []], // 0.7 * 10 = 7.000000000000001 in floats
    ['aaa.......', { kind: 'consent', quorum: 0.1 + 0.2 }, 'agreed', []], // 0.30000000000000004
    ['aa.......', { kind: 'consent', quorum: 1 / 3 }, 'no_quorum', ['quorum_not_met']],
    ['aaa......', { kind: 'consent', quorum: 1 / 3 }, 'agreed', []],
  ])('consent %j %j → %s %j', (pattern, r, outcome, reasons) => {
    const d = decide(pattern, r);
    expect([d.outcome, d.reasons]).toEqual([outcome, reasons]);
  });

  it.each<Row>([
    ['', consensus, 'no_quorum', ['no_eligible_partners', 'quorum_not_met']],
    ['aaa', consensus, 'agreed', []],
    ['aa.', consensus, 'agreed', []],
    ['acc', consensus, 'agreed', []],
    ['aas', consensus, 'objected', ['too_many_stand_asides']],
    ['aas', { kind: 'consensus', maxStandAsides: 1 }, 'agreed', []],
    ['ass', { kind: 'consensus', maxStandAsides: 1 }, 'objected', ['too_many_stand_asides']],
    ['ass', { kind: 'consensus', maxStandAsides: 2 }, 'agreed', []],
    ['aso', { kind: 'consensus', maxStandAsides: 1 }, 'objected', ['objection']],
    ['aso', consensus, 'objected', ['objection', 'too_many_stand_asides']],
    ['sss', consensus, 'no_quorum', ['all_stood_aside', 'too_many_stand_asides']],
    ['sss', { kind: 'consensus', maxStandAsides: 5 }, 'no_quorum', ['all_stood_aside']],
    ['s..', consensus, 'no_quorum', ['quorum_not_met', 'all_stood_aside', 'too_many_stand_asides']],
    ['a..', consensus, 'no_quorum', ['quorum_not_met']],
    ['o..', consensus, 'objected', ['objection', 'quorum_not_met']],
    ['aaa.', { kind: 'consensus', quorum: 0.75 }, 'agreed', []],
    ['aa..', { kind: 'consensus', quorum: 0.75 }, 'no_quorum', ['quorum_not_met']],
  ])('consensus %j %j → %s %j', (pattern, r, outcome, reasons) => {
    const d = decide(pattern, r);
    expect([d.outcome, d.reasons]).toEqual([outcome, reasons]);
  });

  it.each<Row>([
    ['', majority, 'no_quorum', ['no_eligible_partners', 'quorum_not_met']],
    ['aaa', majority, 'agreed', []],
    ['aao', majority, 'agreed', []], // an objection is a vote, not a veto
    ['ao.', majority, 'agreed', []], // a tie reaches the default threshold of 0.5 (≥)
    ['aoo', majority, 'objected', ['threshold_not_met']],
    ['ooo', majority, 'objected', ['threshold_not_met']],
    ['co.', majority, 'agreed', []], // concerns count as support
    ['aso', majority, 'agreed', []], // stand-asides are not votes: 1 of 2 votes
    ['asoo', majority, 'objected', ['threshold_not_met']],
    ['ssa', majority, 'agreed', []],
    ['sss', majority, 'no_quorum', ['all_stood_aside']],
    ['o..', majority, 'no_quorum', ['quorum_not_met', 'threshold_not_met']],
    ['a..', majority, 'no_quorum', ['quorum_not_met']],
    ['aao', { kind: 'majority', threshold: 2 / 3 }, 'agreed', []], // exactly 2/3
    ['aaoo', { kind: 'majority', threshold: 2 / 3 }, 'objected', ['threshold_not_met']],
    ['aaas', { kind: 'majority', threshold: 1 }, 'agreed', []],
    ['aaao', { kind: 'majority', threshold: 1 }, 'objected', ['threshold_not_met']],
    ['ao', { kind: 'majority', threshold: 0.51 }, 'objected', ['threshold_not_met']],
    ['aaaaaaaooo', { kind: 'majority', threshold: 0.7 }, 'agreed', []],
  ])('majority %j %j → %s %j', (pattern, r, outcome, reasons) => {
    const d = decide(pattern, r);
    expect([d.outcome, d.reasons]).toEqual([outcome, reasons]);
  });
});

describe('decideOutcome: input handling', () => {
  const consent = rule({ kind: 'consent' });

  it('tallies the current stance of each eligible partner and reports the quorum', () => {
    expect(decide('acso..', { kind: 'consent' })).toMatchObject({
      tally: { agree: 1, concerns: 1, stand_aside: 1, object: 1, responded: 4, eligible: 6 },
      quorumMet: true,
    });
  });

  it('ignores stances of partners that are not eligible', () => {
    const { eligiblePartnerIds, stances } = table('aa.');
    const late: CurrentStance = { partnerId: 'joined-later', stance: 'object' };
    const d = decideOutcome({ eligiblePartnerIds, stances: [...stances, late], rule: consent });
    expect(d.outcome).toBe('agreed');
    expect(d.tally).toMatchObject({ object: 0, responded: 2, eligible: 3 });
  });

  it('counts a provisional stance as given and says so', () => {
    const d = decideOutcome({
      eligiblePartnerIds: ['p0', 'p1', 'p2'],
      stances: [
        { partnerId: 'p0', stance: 'agree', provisional: true },
        { partnerId: 'p1', stance: 'agree' },
      ],
      rule: consent,
    });
    expect([d.outcome, d.reasons]).toEqual(['agreed', ['includes_provisional']]);
  });

  it('does not mention provisional stances of partners that are not counted', () => {
    const d = decideOutcome({
      eligiblePartnerIds: ['p0'],
      stances: [
        { partnerId: 'p0', stance: 'agree' },
        { partnerId: 'x', stance: 'agree', provisional: true },
      ],
      rule: consent,
    });
    expect(d.reasons).toEqual([]);
  });

  it('lists the provisional note after the reasons that blocked agreement', () => {
    const d = decideOutcome({
      eligiblePartnerIds: ['p0', 'p1'],
      stances: [{ partnerId: 'p0', stance: 'object', provisional: true }],
      rule: consent,
    });
    expect([d.outcome, d.reasons]).toEqual([
      'objected',
      ['objection', 'quorum_not_met', 'includes_provisional'],
    ]);
  });

  it('treats eligible partners as a set', () => {
    const d = decideOutcome({
      eligiblePartnerIds: ['p0', 'p0', 'p1', 'p2'],
      stances: [{ partnerId: 'p0', stance: 'agree' }],
      rule: consent,
    });
    expect(d.tally.eligible).toBe(3);
  });

  it('refuses two current stances for one partner, which would give it two voices', () => {
    const stances: CurrentStance[] = [
      { partnerId: 'p0', stance: 'agree' },
      { partnerId: 'p0', stance: 'object' },
    ];
    expect(() => decideOutcome({ eligiblePartnerIds: ['p0'], stances, rule: consent })).toThrow(/p0/);
  });
});

describe('isComplete', () => {
  it.each([
    ['aaa', true],
    ['aso', true],
    ['aa.', false],
    ['...', false],
    ['', false], // no eligible partner: never auto-close
  ])('%j → %s', (pattern, complete) => {
    const { eligiblePartnerIds, stances } = table(pattern);
    expect(isComplete(eligiblePartnerIds, stances)).toBe(complete);
  });

  it('is not completed by partners that are not eligible', () => {
    expect(isComplete(['p0', 'p1'], [{ partnerId: 'p0' }, { partnerId: 'x' }])).toBe(false);
  });
});

describe('decideOutcome: properties', () => {
  const fractionArb = fc.oneof(
    fc.constantFrom(1 / 3, 1 / 2, 2 / 3, 3 / 4, 1),
    fc.double({ min: 0.01, max: 1, noNaN: true }),
  );
  const ruleArb: fc.Arbitrary<DecisionRule> = fc.oneof(
    fc.record({ kind: fc.constant('consent' as const), quorum: fractionArb }),
    fc.record({
      kind: fc.constant('consensus' as const),
      quorum: fractionArb,
      maxStandAsides: fc.integer({ min: 0, max: 3 }),
    }),
    fc.record({ kind: fc.constant('majority' as const), quorum: fractionArb, threshold: fractionArb }),
  );
  const vetoRuleArb = ruleArb.filter((r) => r.kind !== 'majority');
  const stanceArb = fc.constantFrom(...STANCES);

  /** Eligible partners p0..p(n-1), each with a stance or none, plus stances of partners outside the round. */
  const roundArb = fc
    .array(fc.option(fc.record({ stance: stanceArb, provisional: fc.boolean() }), { nil: undefined }), {
      maxLength: 9,
    })
    .chain((slots) =>
      fc.record({
        eligiblePartnerIds: fc.constant(slots.map((_, i) => `p${i}`)),
        stances: fc.constant(slots.flatMap((s, i) => (s ? [{ partnerId: `p${i}`, ...s }] : []))),
        outsiders: fc.array(fc.record({ stance: stanceArb, provisional: fc.boolean() }), { maxLength: 3 }),
      }),
    )
    .map(({ eligiblePartnerIds, stances, outsiders }) => ({
      eligiblePartnerIds,
      stances: [...stances, ...outsiders.map((s, i) => ({ partnerId: `x${i}`, ...s }))],
    }));

  it('under consent and consensus any eligible objection means never agreed', () => {
    fc.assert(
      fc.property(roundArb, vetoRuleArb, (round, r) => {
        const objects = round.stances.some((s) => s.stance === 'object' && s.partnerId.startsWith('p'));
        fc.pre(objects);
        expect(decideOutcome({ ...round, rule: r }).outcome).toBe('objected');
      }),
    );
  });

  it('an agree from an eligible partner that has not responded never undoes an agreement', () => {
    fc.assert(
      fc.property(roundArb, ruleArb, fc.nat(), (round, r, pick) => {
        const responded = new Set(round.stances.map((s) => s.partnerId));
        const silent = round.eligiblePartnerIds.filter((id) => !responded.has(id));
        fc.pre(silent.length > 0);
        const partnerId = silent[pick % silent.length] as string;
        const before = decideOutcome({ ...round, rule: r });
        const after = decideOutcome({
          ...round,
          stances: [...round.stances, { partnerId, stance: 'agree' }],
          rule: r,
        });
        if (before.outcome === 'agreed') expect(after.outcome).toBe('agreed');
      }),
    );
  });

  it('does not depend on the order of partners or stances', () => {
    fc.assert(
      fc.property(
        roundArb.chain((round) =>
          fc.record({
            round: fc.constant(round),
            eligible: fc.shuffledSubarray(round.eligiblePartnerIds, {
              minLength: round.eligiblePartnerIds.length,
            }),
            stances: fc.shuffledSubarray(round.stances, { minLength: round.stances.length }),
          }),
        ),
        ruleArb,
        ({ round, eligible, stances }, r) => {
          expect(decideOutcome({ eligiblePartnerIds: eligible, stances, rule: r })).toEqual(
            decideOutcome({ ...round, rule: r }),
          );
        },
      ),
    );
  });

  it('ignores partners outside the round entirely', () => {
    fc.assert(
      fc.property(roundArb, ruleArb, (round, r) => {
        const insiders = round.stances.filter((s) => s.partnerId.startsWith('p'));
        expect(decideOutcome({ ...round, rule: r })).toEqual(
          decideOutcome({ ...round, stances: insiders, rule: r }),
        );
      }),
    );
  });

  it('keeps the tally consistent and agrees only with the quorum met and nothing in the way', () => {
    fc.assert(
      fc.property(roundArb, ruleArb, (round, r) => {
        const { tally, quorumMet, outcome, reasons } = decideOutcome({ ...round, rule: r });
        expect(tally.agree + tally.concerns + tally.stand_aside + tally.object).toBe(tally.responded);
        expect(tally.responded).toBeLessThanOrEqual(tally.eligible);
        if (outcome === 'agreed') {
          expect(quorumMet).toBe(true);
          expect(tally.agree + tally.concerns).toBeGreaterThan(0);
          expect(reasons.filter((code) => code !== 'includes_provisional')).toEqual([]);
        } else {
          expect(reasons.filter((code) => code !== 'includes_provisional').length).toBeGreaterThan(0);
        }
      }),
    );
  });
});
