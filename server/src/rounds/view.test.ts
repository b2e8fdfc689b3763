import { DEFAULT_DECISION_RULE } from '@common-ground/shared/rules';
import { describe, expect, it } from 'vitest';
import type { StanceRecord, StoredRound } from '../storage/types';
import { PUBLIC_VIEWER, roundView } from './view';

const HASH = 'a'.repeat(64);
let nextId = 1;
const stance = (partnerId: string, overrides: Partial<StanceRecord> = {}): StanceRecord => ({
  id: nextId++,
  roundId: 'round-1',
  partnerId,
  stance: 'agree',
  reason: null,
  provisionalUntil: null,
  recordedBy: `person-${partnerId}`,
  byFacilitator: false,
  at: 1000 + nextId,
  ...overrides,
});
const round = (overrides: Partial<StoredRound> = {}): StoredRound => ({
  id: 'round-1',
  boardId: 'board-1',
  goalId: 'goal-1',
  number: 1,
  openedAt: 1000,
  openedBy: 'facilitator',
  deadline: null,
  visibility: 'open',
  autoClose: false,
  rule: DEFAULT_DECISION_RULE,
  wording: { title: 'Ziel', description: 'Text', hash: HASH },
  eligiblePartnerIds: ['pa', 'pb', 'pc'],
  closure: null,
  stances: [],
  ...overrides,
});
const closure = (closedAt = 5000) =>
  ({
    roundId: 'round-1',
    closedAt,
    outcome: 'agreed',
    reasons: [],
    closedBy: 'facilitator',
    agreedStructure: null,
  }) as const;

const stances = [
  stance('pa', { stance: 'object', reason: 'Zu teuer' }),
  stance('pa', { stance: 'concerns', reason: 'Noch teuer' }),
  stance('pb', { stance: 'agree', byFacilitator: true, recordedBy: 'facilitator' }),
];

describe('roundView', () => {
  it('open: current stances with names and reasons, every change in the history', () => {
    const view = roundView(round({ stances }), PUBLIC_VIEWER);
    expect(view.status).toBe('open');
    expect(view.outcome).toBeUndefined();
    expect(view.stances).toEqual([
      expect.objectContaining({
        partnerId: 'pa',
        stance: 'concerns',
        reason: 'Noch teuer',
        recordedBy: 'person-pa',
      }),
      expect.objectContaining({ partnerId: 'pb', stance: 'agree', recordedByFacilitator: true }),
    ]);
    expect(view.history.map((h) => [h.partnerId, h.stance, h.superseded])).toEqual([
      ['pa', 'object', true],
      ['pa', 'concerns', false],
      ['pb', 'agree', false],
    ]);
    expect(view.tally).toEqual({
      agree: 1,
      concerns: 1,
      stand_aside: 0,
      object: 0,
      responded: 2,
      eligible: 3,
    });
  });

  it('hidden: counts only while open, except for the viewer’s own partner; everything once closed', () => {
    const hidden = round({ visibility: 'hidden', stances });
    const publicView = roundView(hidden, PUBLIC_VIEWER);
    expect(publicView.stances).toEqual([]);
    expect(publicView.history).toEqual([]);
    expect(publicView.tally).toEqual({ responded: 2, eligible: 3 });
    const own = roundView(hidden, { partnerId: 'pa' });
    expect(own.stances.map((s) => s.partnerId)).toEqual(['pa']);
    expect(own.history.map((h) => h.reason)).toEqual(['Zu teuer', 'Noch teuer']);
    expect(own.tally).toEqual({ responded: 2, eligible: 3 });
    const closed = roundView({ ...hidden, closure: closure() }, PUBLIC_VIEWER);
    expect(closed.stances.map((s) => [s.partnerId, s.reason])).toEqual([
      ['pa', 'Noch teuer'],
      ['pb', undefined],
    ]);
  });

  it('anonymous: reasons without names, before and after closing', () => {
    const anonymous = round({ visibility: 'anonymous', stances, closure: closure() });
    const view = roundView(anonymous, { partnerId: 'pc' });
    for (const entry of view.stances) expect(entry).toMatchObject({ partnerId: null, recordedBy: null });
    expect(view.history).toEqual([]);
    expect(view.stances.map((s) => s.reason)).toEqual([undefined, 'Noch teuer']);
    expect(JSON.stringify(view.stances)).not.toContain('person-');
    const own = roundView(anonymous, { partnerId: 'pb' });
    expect(own.stances.find((s) => s.partnerId === 'pb')).toMatchObject({ stance: 'agree' });
    expect(own.history.map((h) => h.partnerId)).toEqual(['pb']);
  });

  it('a closed round shows the tally at its closing time: expired provisional stances no longer count', () => {
    const provisional = [stance('pa', { provisionalUntil: 3000 }), stance('pb', { provisionalUntil: 9000 })];
    expect(roundView(round({ stances: provisional }), PUBLIC_VIEWER).tally.responded).toBe(2);
    const closed = roundView(round({ stances: provisional, closure: closure(5000) }), PUBLIC_VIEWER);
    expect(closed.tally.responded).toBe(1);
    expect(closed.stances).toHaveLength(2);
    expect(closed.stances[0]?.provisional).toEqual({ until: 3000 });
  });

  it('an invalidated round has an outcome but no outcome reasons; a deadline is shown when set', () => {
    const view = roundView(
      round({ deadline: 9999, closure: { ...closure(), outcome: 'invalidated', closedBy: null } }),
      PUBLIC_VIEWER,
    );
    expect(view).toMatchObject({ status: 'closed', outcome: 'invalidated', closedAt: 5000, deadline: 9999 });
    expect(view).not.toHaveProperty('outcomeReasons');
  });
});
