import type { BoardLifecycle } from '@common-ground/shared/api';
import type { Pool } from 'pg';
import {
  isActive,
  LIFECYCLE_COLUMNS,
  type LifecycleRow,
  lifecycleOf,
  lifecycleValues,
} from '../lifecycleRows';
import { type LifecycleStore, PURGE_STATEMENTS } from '../parts/lifecycle';
import { inTransaction } from './db';

/** PostgreSQL's own tables that name a document: each document's counter of sequence numbers (updateLog.ts). */
export const POSTGRES_PURGE_STATEMENTS: readonly { readonly table: string; readonly where: string }[] = [
  { table: 'doc_seqs', where: 'doc_key IN ($1, $2)' },
  ...PURGE_STATEMENTS,
];

/** Archiving, deletion and the purge: the lifecycle part of PostgresStorage. */
export class PostgresLifecycleStore implements LifecycleStore {
  constructor(private readonly pool: Pool) {}

  async getLifecycle(boardId: string): Promise<BoardLifecycle | null> {
    const { rows } = await this.pool.query<LifecycleRow>(
      `SELECT ${LIFECYCLE_COLUMNS} FROM board_lifecycle WHERE board_id = $1`,
      [boardId],
    );
    const row = rows[0];
    return row ? lifecycleOf(row) : null;
  }

  async setLifecycle(boardId: string, lifecycle: BoardLifecycle): Promise<void> {
    if (isActive(lifecycle)) {
      await this.pool.query('DELETE FROM board_lifecycle WHERE board_id = $1', [boardId]);
      return;
    }
    await this.pool.query(
      `INSERT INTO board_lifecycle (board_id, ${LIFECYCLE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (board_id) DO UPDATE SET archived_at = excluded.archived_at,
         archived_by = excluded.archived_by, deletion_requested_at = excluded.deletion_requested_at,
         deletion_requested_by = excluded.deletion_requested_by, delete_after = excluded.delete_after`,
      [...lifecycleValues(boardId, lifecycle)],
    );
  }

  async listDueDeletions(now: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ board_id: string }>(
      `SELECT board_id FROM board_lifecycle WHERE delete_after IS NOT NULL AND delete_after <= $1
       ORDER BY delete_after, board_id`,
      [now],
    );
    return rows.map((row) => row.board_id);
  }

  purgeBoard(boardId: string): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      // The board row is locked first: two instances purging at once take turns, the second finds nothing.
      const found = await client.query('SELECT id FROM boards WHERE id = $1 FOR UPDATE', [boardId]);
      if (found.rowCount === 0) return false;
      // Transaction-local (SET LOCAL): the append-only triggers let this board's rows go until the commit.
      await client.query("SELECT set_config('common_ground.purge_board', $1, true)", [boardId]);
      for (const { table, where } of POSTGRES_PURGE_STATEMENTS) {
        const params = where.includes('$2') ? [boardId, `${boardId}/record`] : [boardId];
        await client.query(`DELETE FROM ${table} WHERE ${where}`, params);
      }
      return true;
    });
  }
}
