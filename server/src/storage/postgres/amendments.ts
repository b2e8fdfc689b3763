import type { Amendment } from '@common-ground/shared/api';
import type { Pool } from 'pg';
import { AMENDMENT_COLUMNS, type AmendmentRow, toAmendment } from '../amendmentRows';
import type { AmendmentResolution, AmendmentStore, NewAmendment } from '../parts/amendments';

/** Proposed amendments: the part of PostgresStorage that keeps edits a round's wording lock refused. */
export class PostgresAmendmentStore implements AmendmentStore {
  constructor(private readonly pool: Pool) {}

  /** One statement: the partial unique index (one proposal per author and round) decides, on every instance. */
  async proposeAmendment(a: NewAmendment): Promise<Amendment> {
    const { rows } = await this.pool.query<AmendmentRow>(
      `INSERT INTO amendments (${AMENDMENT_COLUMNS})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'proposed', NULL, NULL)
       ON CONFLICT (round_id, author_id) WHERE status = 'proposed' DO UPDATE SET
         title = coalesce(excluded.title, amendments.title),
         description = coalesce(excluded.description, amendments.description),
         proposed_at = excluded.proposed_at
       RETURNING ${AMENDMENT_COLUMNS}`,
      [a.id, a.boardId, a.goalId, a.roundId, a.authorId, a.title, a.description, a.proposedAt],
    );
    const row = rows[0];
    if (!row) throw new Error('amendment not stored');
    return toAmendment(row);
  }

  async getAmendment(amendmentId: string): Promise<Amendment | null> {
    const { rows } = await this.pool.query<AmendmentRow>(
      `SELECT ${AMENDMENT_COLUMNS} FROM amendments WHERE id = $1`,
      [amendmentId],
    );
    return rows[0] ? toAmendment(rows[0]) : null;
  }

  async listAmendments(boardId: string): Promise<Amendment[]> {
    const { rows } = await this.pool.query<AmendmentRow>(
      `SELECT ${AMENDMENT_COLUMNS} FROM amendments WHERE board_id = $1 ORDER BY proposed_at, id`,
      [boardId],
    );
    return rows.map(toAmendment);
  }

  async resolveAmendment(
    amendmentId: string,
    { status, by, at }: AmendmentResolution,
  ): Promise<Amendment | null> {
    const { rows } = await this.pool.query<AmendmentRow>(
      `UPDATE amendments SET status = $1, resolved_by = $2, resolved_at = $3 WHERE id = $4 AND status = 'proposed'
       RETURNING ${AMENDMENT_COLUMNS}`,
      [status, by, at, amendmentId],
    );
    return rows[0] ? toAmendment(rows[0]) : null;
  }
}
