import {
  isDirectedRelation,
  type PartnerProfile,
  type UpdateProfileRequest,
} from '@common-ground/shared/api';
import type { Pool } from 'pg';
import type { CreateRelationResult, NetworkStore, RelationRecord } from '../parts/network';
import { type ProfileRow, RELATION_COLUMNS, type RelationRow, toProfile, toRelation } from '../rows';
import { findOne, inTransaction } from './db';

/** Profiles and relations: the network part of PostgresStorage. */
export class PostgresNetworkStore implements NetworkStore {
  constructor(private readonly pool: Pool) {}

  async saveProfile(profile: PartnerProfile): Promise<void> {
    const { partnerId, updatedBy, updatedAt, ...fields } = profile;
    const editable: UpdateProfileRequest = fields;
    await this.pool.query(
      `INSERT INTO partner_profiles (partner_id, profile, updated_by, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (partner_id) DO UPDATE SET profile = excluded.profile,
         updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      [partnerId, JSON.stringify(editable), updatedBy, updatedAt],
    );
  }

  async listProfiles(boardId: string): Promise<PartnerProfile[]> {
    const { rows } = await this.pool.query<ProfileRow>(
      `SELECT p.partner_id, p.profile, p.updated_by, p.updated_at FROM partner_profiles p
       JOIN partners ON partners.id = p.partner_id WHERE partners.board_id = $1 ORDER BY p.partner_id`,
      [boardId],
    );
    return rows.flatMap((row) => toProfile(row) ?? []);
  }

  /**
   * Locking the board row makes creators of one board's relations take turns (on any instance), so the limit and
   * the duplicate check hold. FOR NO KEY UPDATE does not block inserts that merely reference the board.
   */
  createRelation(relation: RelationRecord, maxPerBoard: number): Promise<CreateRelationResult> {
    return inTransaction(this.pool, async (client): Promise<CreateRelationResult> => {
      await client.query('SELECT 1 FROM boards WHERE id = $1 FOR NO KEY UPDATE', [relation.boardId]);
      const { rows } = await client.query<{ current: number; duplicate: boolean }>(
        `SELECT count(*) AS current,
           coalesce(bool_or(kind = $2 AND ((from_partner = $3 AND to_partner = $4)
             OR (NOT $5 AND from_partner = $4 AND to_partner = $3))), false) AS duplicate
         FROM partner_relations WHERE board_id = $1 AND removed_at IS NULL`,
        [relation.boardId, relation.kind, relation.from, relation.to, isDirectedRelation(relation.kind)],
      );
      const state = rows[0];
      if (state && state.current >= maxPerBoard) return 'limit_reached';
      if (state?.duplicate) return 'duplicate';
      await client.query(
        `INSERT INTO partner_relations (id, board_id, from_partner, to_partner, kind, strength, note, created_by,
           created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          relation.id,
          relation.boardId,
          relation.from,
          relation.to,
          relation.kind,
          relation.strength,
          relation.note,
          relation.createdBy,
          relation.createdAt,
        ],
      );
      return 'created';
    });
  }

  getRelation(relationId: string): Promise<RelationRecord | null> {
    return findOne(
      this.pool,
      `SELECT ${RELATION_COLUMNS} FROM partner_relations WHERE id = $1`,
      [relationId],
      toRelation,
    );
  }

  async listRelations(
    boardId: string,
    options: { includeRemoved?: boolean } = {},
  ): Promise<RelationRecord[]> {
    const { rows } = await this.pool.query<RelationRow>(
      `SELECT ${RELATION_COLUMNS} FROM partner_relations WHERE board_id = $1 AND ($2 OR removed_at IS NULL)
       ORDER BY created_at, id`,
      [boardId, options.includeRemoved === true],
    );
    return rows.map(toRelation);
  }

  async removeRelation(relationId: string, by: string, at: number): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'UPDATE partner_relations SET removed_by = $1, removed_at = $2 WHERE id = $3 AND removed_at IS NULL',
      [by, at, relationId],
    );
    return rowCount === 1;
  }
}
