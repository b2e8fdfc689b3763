import type { Attribution } from '@common-ground/shared';
import type Database from 'better-sqlite3';
import { ATTRIBUTION_COLUMNS, type AttributionRow, toAttribution } from '../attributionRows';

/** Who created goals and comments: the attribution part of SqliteStorage. */
export class SqliteAttributionStore {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    this.s = {
      // DO NOTHING on the key: the first writer of an item stays its author.
      insert: db.prepare(
        `INSERT INTO attributions (board_id, kind, item_id, goal_id, participant_id, content_hash, at)
         VALUES (@boardId, @kind, @id, @goalId, @participantId, @contentHash, @at)
         ON CONFLICT (board_id, kind, item_id) DO NOTHING`,
      ),
      one: db.prepare<[string, string, string], AttributionRow>(
        `SELECT ${ATTRIBUTION_COLUMNS} FROM attributions WHERE board_id = ? AND kind = ? AND item_id = ?`,
      ),
      list: db.prepare<[string], AttributionRow>(
        `SELECT ${ATTRIBUTION_COLUMNS} FROM attributions WHERE board_id = ? ORDER BY at, kind, item_id`,
      ),
      markBackfilled: db.prepare<[string, number]>(
        'INSERT INTO attribution_backfills (board_id, at) VALUES (?, ?) ON CONFLICT (board_id) DO NOTHING',
      ),
      backfilledAt: db.prepare<[string], { at: number }>(
        'SELECT at FROM attribution_backfills WHERE board_id = ?',
      ),
    };
  }

  add(boardId: string, items: readonly Attribution[], backfilledAt?: number): Attribution[] {
    return this.db.transaction(() => {
      const stored = items.flatMap((item) => {
        this.s.insert.run({ boardId, ...item });
        const row = this.s.one.get(boardId, item.kind, item.id);
        return row ? [toAttribution(row)] : [];
      });
      if (backfilledAt !== undefined) this.s.markBackfilled.run(boardId, backfilledAt);
      return stored;
    })();
  }

  list(boardId: string): Attribution[] {
    return this.s.list.all(boardId).map(toAttribution);
  }

  backfilledAt(boardId: string): number | null {
    return this.s.backfilledAt.get(boardId)?.at ?? null;
  }
}
