import { DEFAULT_DECISION_RULE } from '@common-ground/shared';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewRound, RoundRecord } from '../types';
import { SqliteStorage } from './sqliteStorage';

const NOW = 1_800_000_000_000;

describe('SqliteStorage: rounds', () => {
  let db: Database.Database;
  let storage: SqliteStorage;
  const round = (id: string, overrides: Partial<NewRound> = {}): NewRound => ({
    id,
    boardId: 'board-1',
    goalId: 'goal-1',
    openedAt: NOW,
    openedBy: 'facilitator',
    deadline: null,
    visibility: 'open',
    autoClose: false,
    wording: { title: 'Ziel', description: 'Text', hash: 'a'.repeat(64) },
    ...overrides,
  });
  const open = async (id: string, overrides: Partial<NewRound> = {}): Promise<RoundRecord> => {
    const result = await storage.openRound(round(id, overrides), DEFAULT_DECISION_RULE);
    if (!result.ok) throw new Error(`round ${id} not opened: ${result.reason}`);
    return result.round;
  };
  const stance = { partnerId: 'partner-a', reason: null, provisionalUntil: null, recordedBy: 'facilitator' };
  const closure = (roundId: string) =>
    ({ roundId, closedAt: NOW + 1, outcome: 'objected', reasons: ['objection'], closedBy: null }) as const;

  beforeEach(async () => {
    db = new Database(':memory:');
    storage = new SqliteStorage(db);
    await storage.createBoard({
      board: { id: 'board-1', title: 'Runder Tisch', createdAt: NOW },
      facilitator: {
        id: 'facilitator',
        boardId: 'board-1',
        name: 'Moderation',
        role: 'facilitator',
        partnerId: null,
        color: '#1d4ed8',
        tokenHash: 'hash',
        createdAt: NOW,
      },
      initialUpdates: [],
    });
    await storage.createPartner({
      id: 'partner-a',
      boardId: 'board-1',
      name: 'Mieterverein',
      kind: 'residents',
      createdAt: NOW,
    });
  });
  afterEach(() => storage.close());

  it('stores a round with its stances in order and closes it exactly once', async () => {
    await open('r1', { deadline: NOW + 10 });
    const first = await storage.appendStance({
      ...stance,
      roundId: 'r1',
      stance: 'agree',
      byFacilitator: true,
      at: NOW,
    });
    await storage.appendStance({
      ...stance,
      roundId: 'r1',
      stance: 'object',
      reason: 'Nein',
      byFacilitator: false,
      at: NOW,
    });
    const stored = await storage.getRound('r1');
    expect(stored).toMatchObject({ deadline: NOW + 10, rule: DEFAULT_DECISION_RULE, closure: null });
    expect(stored?.stances.map((s) => [s.stance, s.byFacilitator, s.reason])).toEqual([
      ['agree', true, null],
      ['object', false, 'Nein'],
    ]);
    expect(stored?.stances[0]?.id).toBe(first?.id);
    expect((await storage.listOpenRounds('board-1')).map((r) => r.id)).toEqual(['r1']);
    expect(await storage.listDueRounds(NOW + 9)).toEqual([]);
    expect((await storage.listDueRounds(NOW + 10)).map((r) => r.id)).toEqual(['r1']);

    expect(await storage.closeRound(closure('r1'))).toBe(true);
    expect(await storage.closeRound({ ...closure('r1'), outcome: 'agreed', reasons: [] })).toBe(false);
    expect((await storage.getRound('r1'))?.closure).toEqual(closure('r1'));
    expect(await storage.listOpenRounds('board-1')).toEqual([]);
    expect(await storage.listDueRounds(NOW + 100)).toEqual([]);
  });

  it('stores no stance once the round is closed', async () => {
    await open('r1');
    await storage.closeRound(closure('r1'));
    const late = { ...stance, roundId: 'r1', stance: 'agree', byFacilitator: false, at: NOW + 2 } as const;
    expect(await storage.appendStance(late)).toBeNull();
    expect((await storage.getRound('r1'))?.stances).toEqual([]);
  });

  it('refuses to rewrite or delete rounds, closures and stances', async () => {
    await open('r1');
    await storage.appendStance({ ...stance, roundId: 'r1', stance: 'agree', byFacilitator: false, at: NOW });
    await storage.closeRound({
      roundId: 'r1',
      closedAt: NOW,
      outcome: 'agreed',
      reasons: [],
      closedBy: null,
    });
    expect(() => db.prepare("UPDATE rounds SET wording_title = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE stances SET stance = 'object'").run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE round_closures SET outcome = 'objected'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM stances').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM round_closures').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM rounds').run()).toThrow(/append-only/);
  });

  it('opens one round per goal at a time, numbered per goal, with the board’s rule and partners', async () => {
    expect(await open('r1')).toMatchObject({
      number: 1,
      rule: DEFAULT_DECISION_RULE,
      eligiblePartnerIds: ['partner-a'],
    });
    expect(await storage.openRound(round('r2'), DEFAULT_DECISION_RULE)).toEqual({
      ok: false,
      reason: 'round_open',
    });
    await storage.closeRound(closure('r1'));
    const rule = { kind: 'majority', quorum: 0.5, threshold: 0.6 } as const;
    await storage.setDecisionRule('board-1', rule, 'facilitator', NOW);
    expect(await open('r2', { openedAt: NOW + 1 })).toMatchObject({ number: 2, rule });
    expect(await open('r3', { goalId: 'goal-2' })).toMatchObject({ number: 1 });
    expect(await storage.countRounds('board-1', 'goal-1')).toBe(2);
    expect((await storage.listRounds('board-1')).map((r) => r.id)).toEqual(['r1', 'r3', 'r2']);
    // Two rounds of one goal never share a number, whatever the code above the database does.
    expect(() =>
      db
        .prepare(
          `INSERT INTO rounds (id, board_id, goal_id, number, opened_at, opened_by, visibility, auto_close,
             rule_json, wording_title, wording_description, wording_hash, eligible_json)
           VALUES ('r4', 'board-1', 'goal-1', 2, 0, 'facilitator', 'open', 0, '{}', '', '', '', '[]')`,
        )
        .run(),
    ).toThrow(/UNIQUE/);
  });

  it('refuses a round on a board without partners', async () => {
    await storage.createBoard({
      board: { id: 'board-2', title: 'Leer', createdAt: NOW },
      facilitator: {
        id: 'f2',
        boardId: 'board-2',
        name: 'Moderation',
        role: 'facilitator',
        partnerId: null,
        color: '#1d4ed8',
        tokenHash: 'hash-2',
        createdAt: NOW,
      },
      initialUpdates: [],
    });
    expect(
      await storage.openRound(round('r1', { boardId: 'board-2', openedBy: 'f2' }), DEFAULT_DECISION_RULE),
    ).toEqual({ ok: false, reason: 'no_partners' });
    expect(await storage.listRounds('board-2')).toEqual([]);
  });

  it('keeps the board’s latest decision rule', async () => {
    expect(await storage.getDecisionRule('board-1')).toBeNull();
    const rule = { kind: 'majority', quorum: 0.5, threshold: 0.6 } as const;
    await storage.setDecisionRule('board-1', rule, 'facilitator', NOW);
    await storage.setDecisionRule('board-1', { ...rule, threshold: 0.7 }, 'facilitator', NOW + 1);
    expect(await storage.getDecisionRule('board-1')).toEqual({ ...rule, threshold: 0.7 });
  });
});
