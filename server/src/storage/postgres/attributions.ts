import type { Attribution } from '@common-ground/shared/schema';
import type { Pool } from 'pg';
import { ATTRIBUTION_COLUMNS, type AttributionRow, toAttribution } from '../attributionRows';
import type { AttributionStore } from '../parts/attributions';
import { inTransaction } from './db';

/** Who created goals and comments: the attribution part of PostgresStorage. */
export class PostgresAttributionStore implements AttributionStore {
  constructor(private readonly pool: Pool) {}

  /**
   * One statement for the whole batch (a single update may add thousands of comments). DO NOTHING on the key keeps
   * the first writer, also against another instance inserting at the same moment: the later insert waits for the
   * earlier commit, and the select after it (a new snapshot under READ COMMITTED) reads the winner's row.
   */
  addAttributions(
    boardId: string,
    items: readonly Attribution[],
    backfilledAt?: number,
  ): Promise<Attribution[]> {
    return inTransaction(this.pool, async (client) => {
      const kinds = items.map((item) => item.kind);
      const ids = items.map((item) => item.id);
      await client.query(
        `INSERT INTO attributions (board_id, kind, item_id, goal_id, participant_id, content_hash, at)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[])
         ON CONFLICT (board_id, kind, item_id) DO NOTHING`,
        [
          boardId,
          kinds,
          ids,
          items.map((item) => item.goalId),
          items.map((item) => item.participantId),
          items.map((item) => item.contentHash),
          items.map((item) => item.at),
        ],
      );
      const { rows } = await client.query<AttributionRow>(
        `SELECT ${ATTRIBUTION_COLUMNS} FROM attributions
         WHERE board_id = $1 AND (kind, item_id) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
        [boardId, kinds, ids],
      );
      if (backfilledAt !== undefined) {
        await client.query(
          'INSERT INTO attribution_backfills (board_id, at) VALUES ($1, $2) ON CONFLICT (board_id) DO NOTHING',
          [boardId, backfilledAt],
        );
      }
      const byKey = new Map(rows.map((row) => [`${row.kind}:${row.item_id}`, toAttribution(row)]));
      return items.flatMap((item) => byKey.get(`${item.kind}:${item.id}`) ?? []);
    });
  }

  async listAttributions(boardId: string): Promise<Attribution[]> {
    const { rows } = await this.pool.query<AttributionRow>(
      `SELECT ${ATTRIBUTION_COLUMNS} FROM attributions WHERE board_id = $1 ORDER BY at, kind, item_id`,
      [boardId],
    );
    return rows.map(toAttribution);
  }

  async attributionBackfilledAt(boardId: string): Promise<number | null> {
    const { rows } = await this.pool.query<{ at: number }>(
      'SELECT at FROM attribution_backfills WHERE board_id = $1',
      [boardId],
    );
    return rows[0]?.at ?? null;
  }
}
