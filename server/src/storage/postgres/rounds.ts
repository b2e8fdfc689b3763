import type { DecisionRule } from '@common-ground/shared/rules';
import type { Pool } from 'pg';
import type {
  NewRound,
  NewStance,
  OpenRoundResult,
  RoundClosureRecord,
  RoundRecord,
  RoundStore,
  StanceRecord,
  StoredRound,
} from '../parts/rounds';
import {
  type ClosureRow,
  type RoundRow,
  type StanceRow,
  stancesByRound,
  toClosure,
  toRound,
  toStance,
} from '../rows';
import { BEGIN_SNAPSHOT, inTransaction, isUniqueViolation, type Queryable } from './db';

const ROUND_COLUMNS = `r.id, r.board_id, r.goal_id, r.number, r.opened_at, r.opened_by, r.deadline, r.visibility,
  r.auto_close, r.rule, r.wording_title, r.wording_description, r.wording_hash, r.eligible_partner_ids`;
const STANCE_COLUMNS =
  'id, round_id, partner_id, stance, reason, provisional_until, recorded_by, by_facilitator, at';
const IS_OPEN = 'NOT EXISTS (SELECT 1 FROM round_closures c WHERE c.round_id = r.id)';
const ROUND_BY_ID = `SELECT ${ROUND_COLUMNS} FROM rounds r WHERE r.id = $1`;
const ROUNDS_OF_BOARD = `SELECT ${ROUND_COLUMNS} FROM rounds r WHERE r.board_id = $1 ORDER BY r.opened_at, r.number, r.id`;
const OPEN_ROUNDS_OF_BOARD = `SELECT ${ROUND_COLUMNS} FROM rounds r WHERE r.board_id = $1 AND ${IS_OPEN}
  ORDER BY r.opened_at, r.id`;
const DUE_ROUNDS = `SELECT ${ROUND_COLUMNS} FROM rounds r WHERE r.deadline IS NOT NULL AND r.deadline <= $1 AND ${IS_OPEN}
  ORDER BY r.deadline, r.id`;

/** The rounds part of PostgresStorage (kept apart so that each file has one job). */
export class PostgresRoundStore implements RoundStore {
  constructor(private readonly pool: Pool) {}

  /**
   * The check for an open round and the count that numbers the new one are one statement, so they see one
   * state. A concurrent opener that saw the same state computes the same number, and the unique constraint
   * turns the second insert into 'round_open'. Two separate statements could see different states (the other
   * round committed in between) and open a second round under the next number.
   */
  async openRound(round: NewRound, defaultRule: DecisionRule): Promise<OpenRoundResult> {
    try {
      return await inTransaction(this.pool, async (client): Promise<OpenRoundResult> => {
        const { rows } = await client.query<{
          rounds: number;
          open: boolean;
          rule: DecisionRule | null;
          partner_ids: string[];
        }>(
          `SELECT
             (SELECT count(*) FROM rounds r WHERE r.board_id = $1 AND r.goal_id = $2) AS rounds,
             EXISTS (SELECT 1 FROM rounds r WHERE r.board_id = $1 AND r.goal_id = $2 AND ${IS_OPEN}) AS open,
             (SELECT decision_rule FROM board_settings WHERE board_id = $1) AS rule,
             ARRAY(SELECT id FROM partners WHERE board_id = $1 AND confirmed_at IS NOT NULL
               ORDER BY created_at, id) AS partner_ids`,
          [round.boardId, round.goalId],
        );
        const state = rows[0];
        if (!state) throw new Error('The round state query returned no row');
        if (state.open) return { ok: false, reason: 'round_open' };
        if (state.partner_ids.length === 0) return { ok: false, reason: 'no_partners' };
        const opened: RoundRecord = {
          ...round,
          number: state.rounds + 1,
          rule: state.rule ?? defaultRule,
          eligiblePartnerIds: state.partner_ids,
        };
        await client.query(
          `INSERT INTO rounds (id, board_id, goal_id, number, opened_at, opened_by, deadline, visibility, auto_close,
             rule, wording_title, wording_description, wording_hash, eligible_partner_ids)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
          [
            opened.id,
            opened.boardId,
            opened.goalId,
            opened.number,
            opened.openedAt,
            opened.openedBy,
            opened.deadline,
            opened.visibility,
            opened.autoClose,
            JSON.stringify(opened.rule),
            opened.wording.title,
            opened.wording.description,
            opened.wording.hash,
            opened.eligiblePartnerIds,
          ],
        );
        return { ok: true, round: opened };
      });
    } catch (error) {
      if (isUniqueViolation(error, 'rounds_one_number_per_goal')) return { ok: false, reason: 'round_open' };
      throw error;
    }
  }

  async getRound(roundId: string): Promise<StoredRound | null> {
    const [round] = await this.load(ROUND_BY_ID, [roundId]);
    return round ?? null;
  }

  listRounds(boardId: string): Promise<StoredRound[]> {
    return this.load(ROUNDS_OF_BOARD, [boardId]);
  }

  listOpenRounds(boardId: string): Promise<StoredRound[]> {
    return this.load(OPEN_ROUNDS_OF_BOARD, [boardId]);
  }

  listDueRounds(now: number): Promise<StoredRound[]> {
    return this.load(DUE_ROUNDS, [now]);
  }

  async countRounds(boardId: string, goalId: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      'SELECT count(*) AS n FROM rounds WHERE board_id = $1 AND goal_id = $2',
      [boardId, goalId],
    );
    return rows[0]?.n ?? 0;
  }

  /**
   * The round row's lock orders this stance and the round's closure: a stance never lands after it. The closure
   * check is a statement of its own, after the lock: a statement that waited for the lock re-reads only the locked
   * row, its other reads keep their old snapshot and would miss a closure committed meanwhile.
   */
  appendStance(stance: NewStance): Promise<StanceRecord | null> {
    return inTransaction(this.pool, async (client) => {
      const locked = await client.query('SELECT 1 FROM rounds WHERE id = $1 FOR UPDATE', [stance.roundId]);
      if (locked.rowCount !== 1) throw new Error(`No round ${stance.roundId}`);
      const { rows } = await client.query<{ closed: boolean }>(
        'SELECT EXISTS (SELECT 1 FROM round_closures WHERE round_id = $1) AS closed',
        [stance.roundId],
      );
      if (rows[0]?.closed !== false) return null;
      const inserted = await client.query<{ id: number }>(
        `INSERT INTO stances (round_id, partner_id, stance, reason, provisional_until, recorded_by, by_facilitator, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          stance.roundId,
          stance.partnerId,
          stance.stance,
          stance.reason,
          stance.provisionalUntil,
          stance.recordedBy,
          stance.byFacilitator,
          stance.at,
        ],
      );
      const id = inserted.rows[0]?.id;
      if (id === undefined) throw new Error('The stance insert returned no id');
      return { ...stance, id };
    });
  }

  /** The primary key decides: a round closed once is never closed (or rewritten) again. */
  closeRound(closure: RoundClosureRecord): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      await client.query('SELECT 1 FROM rounds WHERE id = $1 FOR UPDATE', [closure.roundId]);
      const { rowCount } = await client.query(
        `INSERT INTO round_closures (round_id, closed_at, outcome, reasons, closed_by, agreed_structure)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (round_id) DO NOTHING`,
        [
          closure.roundId,
          closure.closedAt,
          closure.outcome,
          JSON.stringify(closure.reasons),
          closure.closedBy,
          closure.agreedStructure === null ? null : JSON.stringify(closure.agreedStructure),
        ],
      );
      return rowCount === 1;
    });
  }

  async getDecisionRule(boardId: string): Promise<DecisionRule | null> {
    const { rows } = await this.pool.query<{ decision_rule: DecisionRule }>(
      'SELECT decision_rule FROM board_settings WHERE board_id = $1',
      [boardId],
    );
    return rows[0]?.decision_rule ?? null;
  }

  async setDecisionRule(boardId: string, rule: DecisionRule, by: string, at: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO board_settings (board_id, decision_rule, updated_by, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (board_id) DO UPDATE SET decision_rule = excluded.decision_rule,
         updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      [boardId, JSON.stringify(rule), by, at],
    );
  }

  /** Rounds, closures and stances read in one snapshot, so a round never shows a closure without its stances. */
  /**
   * Most boards have no open round most of the time (every stored board update asks): that answer takes one
   * statement; only rounds that exist are read with their closures and stances in one snapshot.
   */
  private async load(roundsQuery: string, params: readonly unknown[]): Promise<StoredRound[]> {
    const probe = await this.pool.query<RoundRow>(roundsQuery, [...params]);
    if (probe.rows.length === 0) return [];
    return inTransaction(
      this.pool,
      async (client) => {
        const rounds = await client.query<RoundRow>(roundsQuery, [...params]);
        if (rounds.rows.length === 0) return [];
        const ids = rounds.rows.map((r) => r.id);
        const closures = await closuresOf(client, ids);
        const stances = await stancesOf(client, ids);
        return rounds.rows.map((r) => ({
          ...toRound(r),
          closure: closures.get(r.id) ?? null,
          stances: stances.get(r.id) ?? [],
        }));
      },
      BEGIN_SNAPSHOT,
    );
  }
}

async function closuresOf(client: Queryable, ids: string[]): Promise<Map<string, RoundClosureRecord>> {
  const { rows } = await client.query<ClosureRow>(
    `SELECT round_id, closed_at, outcome, reasons, closed_by, agreed_structure FROM round_closures
     WHERE round_id = ANY($1)`,
    [ids],
  );
  return new Map(rows.map((c) => [c.round_id, toClosure(c)]));
}

async function stancesOf(client: Queryable, ids: string[]): Promise<Map<string, StanceRecord[]>> {
  const { rows } = await client.query<StanceRow>(
    `SELECT ${STANCE_COLUMNS} FROM stances WHERE round_id = ANY($1) ORDER BY id`,
    [ids],
  );
  return stancesByRound(rows.map(toStance));
}
