import { DEFAULT_DECISION_RULE } from '@common-ground/shared';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoundRecord } from '../types';
import { SqliteStorage } from './sqliteStorage';

const NOW = 1_800_000_000_000;

describe('SqliteStorage: rounds', () => {
  let db: Database.Database;
  let storage: SqliteStorage;
  const round = (id: string, overrides: Partial<RoundRecord> = {}): RoundRecord => ({
    id,
    boardId: 'board-1',
    goalId: 'goal-1',
    number: 1,
    openedAt: NOW,
    openedBy: 'facilitator',
    deadline: null,
    visibility: 'open',
    autoClose: false,
    rule: DEFAULT_DECISION_RULE,
    wording: { title: 'Ziel', description: 'Text', hash: 'a'.repeat(64) },
    eligiblePartnerIds: ['partner-a'],
    ...overrides,
  });
  const stance = { partnerId: 'partner-a', reason: null, provisionalUntil: null, recordedBy: 'facilitator' };

  beforeEach(() => {
    db = new Database(':memory:');
    storage = new SqliteStorage(db);
    storage.createBoard({ id: 'board-1', title: 'Runder Tisch', createdAt: NOW });
    storage.createParticipant({
      id: 'facilitator',
      boardId: 'board-1',
      name: 'Moderation',
      role: 'facilitator',
      partnerId: null,
      color: '#1d4ed8',
      tokenHash: 'hash',
      createdAt: NOW,
    });
    storage.createPartner({
      id: 'partner-a',
      boardId: 'board-1',
      name: 'Mieterverein',
      kind: 'residents',
      createdAt: NOW,
    });
  });
  afterEach(() => storage.close());

  it('stores a round with its stances in order and closes it exactly once', () => {
    storage.createRound(round('r1', { deadline: NOW + 10 }));
    const first = storage.appendStance({
      ...stance,
      roundId: 'r1',
      stance: 'agree',
      byFacilitator: true,
      at: NOW,
    });
    storage.appendStance({
      ...stance,
      roundId: 'r1',
      stance: 'object',
      reason: 'Nein',
      byFacilitator: false,
      at: NOW,
    });
    const stored = storage.getRound('r1');
    expect(stored).toMatchObject({ deadline: NOW + 10, rule: DEFAULT_DECISION_RULE, closure: null });
    expect(stored?.stances.map((s) => [s.stance, s.byFacilitator, s.reason])).toEqual([
      ['agree', true, null],
      ['object', false, 'Nein'],
    ]);
    expect(stored?.stances[0]?.id).toBe(first.id);
    expect(storage.listOpenRounds('board-1').map((r) => r.id)).toEqual(['r1']);
    expect(storage.listDueRounds(NOW + 9)).toEqual([]);
    expect(storage.listDueRounds(NOW + 10).map((r) => r.id)).toEqual(['r1']);

    const closure = {
      roundId: 'r1',
      closedAt: NOW + 1,
      outcome: 'objected',
      reasons: ['objection'],
      closedBy: null,
    } as const;
    expect(storage.closeRound(closure)).toBe(true);
    expect(storage.closeRound({ ...closure, outcome: 'agreed', reasons: [] })).toBe(false);
    expect(storage.getRound('r1')?.closure).toEqual(closure);
    expect(storage.listOpenRounds('board-1')).toEqual([]);
    expect(storage.listDueRounds(NOW + 100)).toEqual([]);
  });

  it('refuses to rewrite or delete rounds, closures and stances', () => {
    storage.createRound(round('r1'));
    storage.appendStance({ ...stance, roundId: 'r1', stance: 'agree', byFacilitator: false, at: NOW });
    storage.closeRound({ roundId: 'r1', closedAt: NOW, outcome: 'agreed', reasons: [], closedBy: null });
    expect(() => db.prepare("UPDATE rounds SET wording_title = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE stances SET stance = 'object'").run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE round_closures SET outcome = 'objected'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM stances').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM round_closures').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM rounds').run()).toThrow(/append-only/);
  });

  it('numbers rounds per goal and keeps the board’s decision rule', () => {
    storage.createRound(round('r1'));
    storage.createRound(round('r2', { number: 2, openedAt: NOW + 1 }));
    storage.createRound(round('r3', { goalId: 'goal-2' }));
    expect(storage.countRounds('board-1', 'goal-1')).toBe(2);
    expect(() => storage.createRound(round('r4', { number: 2 }))).toThrow();
    expect(storage.listRounds('board-1').map((r) => r.id)).toEqual(['r1', 'r3', 'r2']);
    expect(storage.getDecisionRule('board-1')).toBeNull();
    const rule = { kind: 'majority', quorum: 0.5, threshold: 0.6 } as const;
    storage.setDecisionRule('board-1', rule, 'facilitator', NOW);
    storage.setDecisionRule('board-1', { ...rule, threshold: 0.7 }, 'facilitator', NOW + 1);
    expect(storage.getDecisionRule('board-1')).toEqual({ ...rule, threshold: 0.7 });
  });
});
