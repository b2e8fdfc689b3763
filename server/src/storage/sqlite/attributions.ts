import type { Attribution } from '@common-ground/shared/schema';
import type Database from 'better-sqlite3';
import { ATTRIBUTION_COLUMNS, type AttributionRow, toAttribution } from '../attributionRows';
import type { AttributionStore } from '../parts/attributions';

/** Who created goals and comments: the attribution part of SqliteStorage. */
export class SqliteAttributionStore implements AttributionStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
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

  async addAttributions(
    boardId: string,
    items: readonly Attribution[],
    backfilledAt?: number,
  ): Promise<Attribution[]> {
    return this.db.transaction(() => {
      const stored = items.flatMap((item) => {
        this.statements.insert.run({ boardId, ...item });
        const row = this.statements.one.get(boardId, item.kind, item.id);
        return row ? [toAttribution(row)] : [];
      });
      if (backfilledAt !== undefined) this.statements.markBackfilled.run(boardId, backfilledAt);
      return stored;
    })();
  }

  async listAttributions(boardId: string): Promise<Attribution[]> {
    return this.statements.list.all(boardId).map(toAttribution);
  }

  async attributionBackfilledAt(boardId: string): Promise<number | null> {
    return this.statements.backfilledAt.get(boardId)?.at ?? null;
  }
}
