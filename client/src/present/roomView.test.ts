import type { RecordedStance, Round } from '@common-ground/shared/api';
import { DEFAULT_DECISION_RULE } from '@common-ground/shared/rules';
import { describe, expect, it } from 'vitest';
import { largestFitting, roomReasons, roomWording } from './roomView';

const linked = (partnerId: string, stance: RecordedStance['stance'], reason?: string): RecordedStance => ({
  partnerId,
  stance,
  ...(reason !== undefined ? { reason } : {}),
  recordedBy: `person-${partnerId}`,
  recordedByFacilitator: false,
  at: 1_700_000_000_000,
});

const unlinked = (stance: RecordedStance['stance'], reason?: string): RecordedStance => ({
  partnerId: null,
  stance,
  ...(reason !== undefined ? { reason } : {}),
  recordedBy: null,
  recordedByFacilitator: false,
});

function round(overrides: Partial<Round>): Round {
  return {
    id: 'r1',
    boardId: 'b'.repeat(21),
    goalId: 'g1',
    number: 1,
    status: 'open',
    openedAt: 1_700_000_000_000,
    openedBy: 'f1',
    visibility: 'open',
    autoClose: false,
    rule: DEFAULT_DECISION_RULE,
    wording: { title: 'Frozen title', description: 'Frozen text', hash: 'a'.repeat(64) },
    eligiblePartnerIds: ['p1', 'p2', 'p3'],
    stances: [],
    history: [],
    tally: { responded: 0, eligible: 3 },
    ...overrides,
  };
}

describe('roomReasons', () => {
  const stances = [
    linked('p1', 'concerns', 'Die Pflege ist offen.'),
    linked('p2', 'agree', 'Gern.'),
    linked('p3', 'object', '  Zu teuer.  '),
  ];

  it('names the partner of each objection and concern in an open round, in the order given', () => {
    expect(roomReasons(round({ stances }))).toEqual([
      { stance: 'concerns', reason: 'Die Pflege ist offen.', partnerId: 'p1' },
      { stance: 'object', reason: 'Zu teuer.', partnerId: 'p3' },
    ]);
  });

  it('shows nothing of a hidden round until it closes, even the own partner’s stance the API adds', () => {
    expect(roomReasons(round({ visibility: 'hidden', stances: [stances[0] as RecordedStance] }))).toEqual([]);
    expect(roomReasons(round({ visibility: 'hidden', status: 'closed', stances }))).toHaveLength(2);
  });

  it('drops every name in an anonymous round, also of a stance this device could trace, in a neutral order', () => {
    const anonymous = round({
      visibility: 'anonymous',
      stances: [
        unlinked('concerns', 'B: unklar'),
        linked('p1', 'concerns', 'A: offen'),
        unlinked('object', 'Z'),
      ],
    });
    expect(roomReasons(anonymous)).toEqual([
      { stance: 'object', reason: 'Z', partnerId: null },
      { stance: 'concerns', reason: 'A: offen', partnerId: null },
      { stance: 'concerns', reason: 'B: unklar', partnerId: null },
    ]);
  });

  it('leaves out stances without a reason and the reasons of agreeing or standing aside', () => {
    const open = round({
      stances: [linked('p1', 'stand_aside', 'Nicht zuständig.'), linked('p2', 'object', ' ')],
    });
    expect(roomReasons(open)).toEqual([]);
  });
});

describe('roomWording', () => {
  const goal = { title: 'Current title', description: 'Current text' };

  it('is the frozen wording while a round is open, the goal’s otherwise', () => {
    expect(roomWording(goal, round({}))).toEqual({ title: 'Frozen title', description: 'Frozen text' });
    expect(roomWording(goal, round({ status: 'closed', outcome: 'agreed' }))).toEqual(goal);
    expect(roomWording(goal, null)).toEqual(goal);
  });
});

describe('largestFitting', () => {
  it('measures once when the content fits at full size', () => {
    const tried: number[] = [];
    expect(largestFitting((s) => tried.push(s) > 0, 0.6, 1)).toBe(1);
    expect(tried).toEqual([1]);
  });

  it('finds the largest fitting scale to the precision', () => {
    const scale = largestFitting((s) => s <= 0.73, 0.6, 1, 0.01);
    expect(scale).toBeLessThanOrEqual(0.73);
    expect(scale).toBeGreaterThan(0.72);
  });

  it('returns the minimum when nothing fits', () => {
    expect(largestFitting(() => false, 0.6, 1)).toBe(0.6);
  });
});
