import type { BoardLifecycle } from '@common-ground/shared/api';
import type Database from 'better-sqlite3';
import {
  isActive,
  LIFECYCLE_COLUMNS,
  type LifecycleRow,
  lifecycleOf,
  lifecycleValues,
} from '../lifecycleRows';
import { type LifecycleStore, PURGE_STATEMENTS } from '../parts/lifecycle';

// The purge statements are written once, with PostgreSQL's placeholders; better-sqlite3 takes `?` in order.
const positional = (where: string): { sql: string; params: (boardId: string) => string[] } => {
  const order = [...where.matchAll(/\$([12])/g)].map((m) => m[1]);
  return {
    sql: where.replace(/\$[12]/g, '?'),
    params: (boardId) => order.map((n) => (n === '1' ? boardId : `${boardId}/record`)),
  };
};

/** Archiving, deletion and the purge: the lifecycle part of SqliteStorage. */
export class SqliteLifecycleStore implements LifecycleStore {
  private readonly statements;
  private readonly purge: (boardId: string) => boolean;

  constructor(db: Database.Database) {
    this.statements = {
      get: db.prepare<[string], LifecycleRow>(
        `SELECT ${LIFECYCLE_COLUMNS} FROM board_lifecycle WHERE board_id = ?`,
      ),
      set: db.prepare(
        `INSERT INTO board_lifecycle (board_id, ${LIFECYCLE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (board_id) DO UPDATE SET archived_at = excluded.archived_at,
           archived_by = excluded.archived_by, deletion_requested_at = excluded.deletion_requested_at,
           deletion_requested_by = excluded.deletion_requested_by, delete_after = excluded.delete_after`,
      ),
      clear: db.prepare<[string]>('DELETE FROM board_lifecycle WHERE board_id = ?'),
      due: db.prepare<[number], { board_id: string }>(
        `SELECT board_id FROM board_lifecycle WHERE delete_after IS NOT NULL AND delete_after <= ?
         ORDER BY delete_after, board_id`,
      ),
      exists: db.prepare<[string], { id: string }>('SELECT id FROM boards WHERE id = ?'),
      permit: db.prepare<[string]>('INSERT INTO purge_permits (board_id) VALUES (?)'),
      unpermit: db.prepare<[string]>('DELETE FROM purge_permits WHERE board_id = ?'),
    };
    const deletes = PURGE_STATEMENTS.map(({ table, where }) => {
      const { sql, params } = positional(where);
      return { statement: db.prepare(`DELETE FROM ${table} WHERE ${sql}`), params };
    });
    // The permit row opens the append-only triggers for this board only, and only inside this transaction: it is
    // deleted before the commit, so no other statement ever sees it.
    this.purge = db.transaction((boardId: string): boolean => {
      if (!this.statements.exists.get(boardId)) return false;
      this.statements.permit.run(boardId);
      for (const { statement, params } of deletes) statement.run(...params(boardId));
      this.statements.unpermit.run(boardId);
      return true;
    });
  }

  async getLifecycle(boardId: string): Promise<BoardLifecycle | null> {
    const row = this.statements.get.get(boardId);
    return row ? lifecycleOf(row) : null;
  }

  async setLifecycle(boardId: string, lifecycle: BoardLifecycle): Promise<void> {
    if (isActive(lifecycle)) this.statements.clear.run(boardId);
    else this.statements.set.run(...lifecycleValues(boardId, lifecycle));
  }

  async listDueDeletions(now: number): Promise<string[]> {
    return this.statements.due.all(now).map((row) => row.board_id);
  }

  async purgeBoard(boardId: string): Promise<boolean> {
    return this.purge(boardId);
  }
}
