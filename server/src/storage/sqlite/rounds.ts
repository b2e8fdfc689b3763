import type { DecisionRule, ReasonCode } from '@common-ground/shared/rules';
import type { GoalStructure } from '@common-ground/shared/schema';
import type Database from 'better-sqlite3';
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

// SQLite keeps booleans as 0/1 and arrays and objects as JSON text: those columns are converted before mapping.
type SqliteRoundRow = Omit<RoundRow, 'auto_close' | 'rule' | 'eligible_partner_ids'> & {
  auto_close: number;
  rule_json: string;
  eligible_json: string;
};
type SqliteClosureRow = Omit<ClosureRow, 'reasons' | 'agreed_structure'> & {
  reasons_json: string;
  agreed_structure_json: string | null;
};
type SqliteStanceRow = Omit<StanceRow, 'by_facilitator'> & { by_facilitator: number };

const roundOf = ({ auto_close, rule_json, eligible_json, ...r }: SqliteRoundRow): RoundRecord =>
  toRound({
    ...r,
    auto_close: auto_close === 1,
    rule: JSON.parse(rule_json) as DecisionRule,
    eligible_partner_ids: JSON.parse(eligible_json) as string[],
  });
const closureOf = ({ reasons_json, agreed_structure_json, ...r }: SqliteClosureRow): RoundClosureRecord =>
  toClosure({
    ...r,
    reasons: JSON.parse(reasons_json) as ReasonCode[],
    agreed_structure:
      agreed_structure_json === null ? null : (JSON.parse(agreed_structure_json) as GoalStructure),
  });
const stanceOf = (r: SqliteStanceRow): StanceRecord =>
  toStance({ ...r, by_facilitator: r.by_facilitator === 1 });

const ROUND_COLUMNS = `r.id, r.board_id, r.goal_id, r.number, r.opened_at, r.opened_by, r.deadline, r.visibility,
  r.auto_close, r.rule_json, r.wording_title, r.wording_description, r.wording_hash, r.eligible_json`;
const CLOSURE_COLUMNS =
  'c.round_id, c.closed_at, c.outcome, c.reasons_json, c.closed_by, c.agreed_structure_json';
const STANCE_COLUMNS =
  's.id, s.round_id, s.partner_id, s.stance, s.reason, s.provisional_until, s.recorded_by, s.by_facilitator, s.at';

/** The rounds part of SqliteStorage (kept apart so that each file has one job). */
export class SqliteRoundStore implements RoundStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      insertRound: db.prepare(
        `INSERT INTO rounds (id, board_id, goal_id, number, opened_at, opened_by, deadline, visibility, auto_close,
           rule_json, wording_title, wording_description, wording_hash, eligible_json)
         VALUES (@id, @boardId, @goalId, @number, @openedAt, @openedBy, @deadline, @visibility, @autoClose,
           @rule, @title, @description, @hash, @eligible)`,
      ),
      round: db.prepare<[string], SqliteRoundRow>(`SELECT ${ROUND_COLUMNS} FROM rounds r WHERE r.id = ?`),
      closure: db.prepare<[string], SqliteClosureRow>(
        `SELECT ${CLOSURE_COLUMNS} FROM round_closures c WHERE c.round_id = ?`,
      ),
      stances: db.prepare<[string], SqliteStanceRow>(
        `SELECT ${STANCE_COLUMNS} FROM stances s WHERE s.round_id = ? ORDER BY s.id`,
      ),
      boardRounds: db.prepare<[string], SqliteRoundRow>(
        `SELECT ${ROUND_COLUMNS} FROM rounds r WHERE r.board_id = ? ORDER BY r.opened_at, r.number, r.id`,
      ),
      boardClosures: db.prepare<[string], SqliteClosureRow>(
        `SELECT ${CLOSURE_COLUMNS} FROM round_closures c JOIN rounds r ON r.id = c.round_id WHERE r.board_id = ?`,
      ),
      boardStances: db.prepare<[string], SqliteStanceRow>(
        `SELECT ${STANCE_COLUMNS} FROM stances s JOIN rounds r ON r.id = s.round_id WHERE r.board_id = ?
         ORDER BY s.id`,
      ),
      openRoundIds: db.prepare<[string], { id: string }>(
        `SELECT r.id FROM rounds r WHERE r.board_id = ?
           AND NOT EXISTS (SELECT 1 FROM round_closures c WHERE c.round_id = r.id)
         ORDER BY r.opened_at, r.id`,
      ),
      dueRoundIds: db.prepare<[number], { id: string }>(
        `SELECT r.id FROM rounds r WHERE r.deadline IS NOT NULL AND r.deadline <= ?
           AND NOT EXISTS (SELECT 1 FROM round_closures c WHERE c.round_id = r.id)
         ORDER BY r.deadline`,
      ),
      countRounds: db.prepare<[string, string], { n: number }>(
        'SELECT COUNT(*) AS n FROM rounds WHERE board_id = ? AND goal_id = ?',
      ),
      openForGoal: db.prepare<[string, string], { id: string }>(
        `SELECT r.id FROM rounds r WHERE r.board_id = ? AND r.goal_id = ?
           AND NOT EXISTS (SELECT 1 FROM round_closures c WHERE c.round_id = r.id)`,
      ),
      // The order of listPartners: eligible partners are listed as the board lists them. Only confirmed ones: an
      // organisation anyone could invent by joining must not get a voice.
      partnerIds: db.prepare<[string], { id: string }>(
        'SELECT id FROM partners WHERE board_id = ? AND confirmed_at IS NOT NULL ORDER BY created_at, id',
      ),
      isClosed: db.prepare<[string], { round_id: string }>(
        'SELECT round_id FROM round_closures WHERE round_id = ?',
      ),
      insertStance: db.prepare(
        `INSERT INTO stances (round_id, partner_id, stance, reason, provisional_until, recorded_by, by_facilitator, at)
         VALUES (@roundId, @partnerId, @stance, @reason, @provisionalUntil, @recordedBy, @byFacilitator, @at)`,
      ),
      // The primary key decides: a round closed once is never closed (or rewritten) again.
      insertClosure: db.prepare(
        `INSERT INTO round_closures (round_id, closed_at, outcome, reasons_json, closed_by, agreed_structure_json)
         VALUES (@roundId, @closedAt, @outcome, @reasons, @closedBy, @agreedStructure)
         ON CONFLICT (round_id) DO NOTHING`,
      ),
      rule: db.prepare<[string], { decision_rule_json: string }>(
        'SELECT decision_rule_json FROM board_settings WHERE board_id = ?',
      ),
      setRule: db.prepare<[string, string, string, number]>(
        `INSERT INTO board_settings (board_id, decision_rule_json, updated_by, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (board_id) DO UPDATE SET decision_rule_json = excluded.decision_rule_json,
           updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      ),
    };
  }

  /** Check and insert in one transaction: nothing can open a round for the goal in between. */
  async openRound(round: NewRound, defaultRule: DecisionRule): Promise<OpenRoundResult> {
    return this.db.transaction((): OpenRoundResult => {
      if (this.statements.openForGoal.get(round.boardId, round.goalId))
        return { ok: false, reason: 'round_open' };
      const eligiblePartnerIds = this.statements.partnerIds.all(round.boardId).map((p) => p.id);
      if (eligiblePartnerIds.length === 0) return { ok: false, reason: 'no_partners' };
      const opened: RoundRecord = {
        ...round,
        number: this.count(round.boardId, round.goalId) + 1,
        rule: this.rule(round.boardId) ?? defaultRule,
        eligiblePartnerIds,
      };
      this.insertRound(opened);
      return { ok: true, round: opened };
    })();
  }

  private insertRound(round: RoundRecord): void {
    this.statements.insertRound.run({
      id: round.id,
      boardId: round.boardId,
      goalId: round.goalId,
      number: round.number,
      openedAt: round.openedAt,
      openedBy: round.openedBy,
      deadline: round.deadline,
      visibility: round.visibility,
      autoClose: round.autoClose ? 1 : 0,
      rule: JSON.stringify(round.rule),
      title: round.wording.title,
      description: round.wording.description,
      hash: round.wording.hash,
      eligible: JSON.stringify(round.eligiblePartnerIds),
    });
  }

  async getRound(roundId: string): Promise<StoredRound | null> {
    return this.round(roundId);
  }

  private round(roundId: string): StoredRound | null {
    return this.read(() => {
      const row = this.statements.round.get(roundId);
      if (!row) return null;
      const closure = this.statements.closure.get(roundId);
      return {
        ...roundOf(row),
        closure: closure ? closureOf(closure) : null,
        stances: this.statements.stances.all(roundId).map(stanceOf),
      };
    });
  }

  async listRounds(boardId: string): Promise<StoredRound[]> {
    return this.read(() => {
      const closures = new Map(
        this.statements.boardClosures.all(boardId).map((c) => [c.round_id, closureOf(c)]),
      );
      const stances = stancesByRound(this.statements.boardStances.all(boardId).map(stanceOf));
      return this.statements.boardRounds.all(boardId).map((r) => ({
        ...roundOf(r),
        closure: closures.get(r.id) ?? null,
        stances: stances.get(r.id) ?? [],
      }));
    });
  }

  async listOpenRounds(boardId: string): Promise<StoredRound[]> {
    return this.byIds(this.statements.openRoundIds.all(boardId));
  }

  async listDueRounds(now: number): Promise<StoredRound[]> {
    return this.byIds(this.statements.dueRoundIds.all(now));
  }

  async countRounds(boardId: string, goalId: string): Promise<number> {
    return this.count(boardId, goalId);
  }

  private count(boardId: string, goalId: string): number {
    return this.statements.countRounds.get(boardId, goalId)?.n ?? 0;
  }

  /** null, storing nothing, once the round has a closure: the check and the insert are one transaction. */
  async appendStance(stance: NewStance): Promise<StanceRecord | null> {
    return this.db.transaction((): StanceRecord | null => {
      if (this.statements.isClosed.get(stance.roundId)) return null;
      const { lastInsertRowid } = this.statements.insertStance.run({
        ...stance,
        byFacilitator: stance.byFacilitator ? 1 : 0,
      });
      return { ...stance, id: Number(lastInsertRowid) };
    })();
  }

  async closeRound(closure: RoundClosureRecord): Promise<boolean> {
    const { changes } = this.statements.insertClosure.run({
      roundId: closure.roundId,
      closedAt: closure.closedAt,
      outcome: closure.outcome,
      reasons: JSON.stringify(closure.reasons),
      closedBy: closure.closedBy,
      agreedStructure: closure.agreedStructure === null ? null : JSON.stringify(closure.agreedStructure),
    });
    return changes === 1;
  }

  async getDecisionRule(boardId: string): Promise<DecisionRule | null> {
    return this.rule(boardId);
  }

  private rule(boardId: string): DecisionRule | null {
    const row = this.statements.rule.get(boardId);
    return row ? (JSON.parse(row.decision_rule_json) as DecisionRule) : null;
  }

  async setDecisionRule(boardId: string, rule: DecisionRule, by: string, at: number): Promise<void> {
    this.statements.setRule.run(boardId, JSON.stringify(rule), by, at);
  }

  private byIds(rows: readonly { id: string }[]): StoredRound[] {
    return this.read(() =>
      rows.flatMap(({ id }) => {
        const round = this.round(id);
        return round ? [round] : [];
      }),
    );
  }

  /** Several statements read as one consistent state (a nested call becomes a savepoint). */
  private read<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
