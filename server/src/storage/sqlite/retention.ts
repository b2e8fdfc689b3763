import type Database from 'better-sqlite3';
import type { IdleBoard, InactiveParticipant, RetentionStore } from '../parts/retention';
import {
  IDLE_BOARDS_QUERY,
  INACTIVE_ON_BOARD_QUERY,
  INACTIVE_QUERY,
  type InactiveRow,
  idleBoardOf,
  inactiveOf,
  LAST_CHANGE_QUERY,
  MARK_WARNED_QUERY,
} from '../retentionRows';

/** Inactive people and idle boards: the retention part of SqliteStorage. */
export class SqliteRetentionStore implements RetentionStore {
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      inactive: db.prepare<[number], InactiveRow>(INACTIVE_QUERY),
      inactiveOnBoard: db.prepare<[number, string], InactiveRow>(INACTIVE_ON_BOARD_QUERY),
      lastChange: db.prepare<[string], { at: number }>(LAST_CHANGE_QUERY),
      markWarned: db.prepare<[number, string]>(MARK_WARNED_QUERY),
      idle: db.prepare<[number], { id: string; last_change_at: number }>(IDLE_BOARDS_QUERY),
    };
  }

  async listInactive(activeBefore: number, boardId?: string): Promise<InactiveParticipant[]> {
    const rows =
      boardId === undefined
        ? this.statements.inactive.all(activeBefore)
        : this.statements.inactiveOnBoard.all(activeBefore, boardId);
    return rows.map(inactiveOf);
  }

  async lastChange(boardId: string): Promise<number | null> {
    const row = this.statements.lastChange.get(boardId);
    return row ? Number(row.at) : null;
  }

  async markWarned(participantId: string, at: number): Promise<void> {
    this.statements.markWarned.run(at, participantId);
  }

  async listIdleBoards(changedBefore: number): Promise<IdleBoard[]> {
    return this.statements.idle.all(changedBefore).map(idleBoardOf);
  }
}
