import type { Amendment } from '@common-ground/shared/api';
import type Database from 'better-sqlite3';
import { AMENDMENT_COLUMNS, type AmendmentRow, toAmendment } from '../amendmentRows';
import type { AmendmentResolution, AmendmentStore, NewAmendment } from '../parts/amendments';

/** Proposed amendments: the part of SqliteStorage that keeps edits a round's wording lock refused. */
export class SqliteAmendmentStore implements AmendmentStore {
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      // The partial unique index (one proposal per author and round) decides between insert and replace.
      propose: db.prepare<NewAmendment, AmendmentRow>(
        `INSERT INTO amendments (${AMENDMENT_COLUMNS})
         VALUES (@id, @boardId, @goalId, @roundId, @authorId, @title, @description, @proposedAt, 'proposed', NULL,
           NULL)
         ON CONFLICT (round_id, author_id) WHERE status = 'proposed' DO UPDATE SET
           title = coalesce(excluded.title, amendments.title),
           description = coalesce(excluded.description, amendments.description),
           proposed_at = excluded.proposed_at
         RETURNING ${AMENDMENT_COLUMNS}`,
      ),
      get: db.prepare<[string], AmendmentRow>(`SELECT ${AMENDMENT_COLUMNS} FROM amendments WHERE id = ?`),
      list: db.prepare<[string], AmendmentRow>(
        `SELECT ${AMENDMENT_COLUMNS} FROM amendments WHERE board_id = ? ORDER BY proposed_at, id`,
      ),
      resolve: db.prepare<[string, string, number, string], AmendmentRow>(
        `UPDATE amendments SET status = ?, resolved_by = ?, resolved_at = ? WHERE id = ? AND status = 'proposed'
         RETURNING ${AMENDMENT_COLUMNS}`,
      ),
    };
  }

  async proposeAmendment(amendment: NewAmendment): Promise<Amendment> {
    const row = this.statements.propose.get(amendment);
    if (!row) throw new Error('amendment not stored');
    return toAmendment(row);
  }

  async getAmendment(amendmentId: string): Promise<Amendment | null> {
    const row = this.statements.get.get(amendmentId);
    return row ? toAmendment(row) : null;
  }

  async listAmendments(boardId: string): Promise<Amendment[]> {
    return this.statements.list.all(boardId).map(toAmendment);
  }

  async resolveAmendment(
    amendmentId: string,
    { status, by, at }: AmendmentResolution,
  ): Promise<Amendment | null> {
    const row = this.statements.resolve.get(status, by, at, amendmentId);
    return row ? toAmendment(row) : null;
  }
}
