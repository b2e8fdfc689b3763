import type { PartnerProfile, UpdateProfileRequest } from '@common-ground/shared/api';
import type Database from 'better-sqlite3';
import type { CreateRelationResult, NetworkStore, RelationRecord } from '../parts/network';
import { samePairAndKind } from '../relationRules';
import { type ProfileRow, RELATION_COLUMNS, type RelationRow, toProfile, toRelation } from '../rows';

type SqliteProfileRow = Omit<ProfileRow, 'profile'> & { profile_json: string };

const profileOf = ({ profile_json, ...r }: SqliteProfileRow): PartnerProfile | null =>
  toProfile({ ...r, profile: JSON.parse(profile_json) });

/** Profiles and relations: the network part of SqliteStorage. */
export class SqliteNetworkStore implements NetworkStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      saveProfile: db.prepare<[string, string, string, number]>(
        `INSERT INTO partner_profiles (partner_id, profile_json, updated_by, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (partner_id) DO UPDATE SET profile_json = excluded.profile_json,
           updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      ),
      profiles: db.prepare<[string], SqliteProfileRow>(
        `SELECT p.partner_id, p.profile_json, p.updated_by, p.updated_at FROM partner_profiles p
         JOIN partners ON partners.id = p.partner_id WHERE partners.board_id = ? ORDER BY p.partner_id`,
      ),
      insertRelation: db.prepare(
        `INSERT INTO partner_relations (id, board_id, from_partner, to_partner, kind, strength, note, created_by,
           created_at) VALUES (@id, @boardId, @from, @to, @kind, @strength, @note, @createdBy, @createdAt)`,
      ),
      relation: db.prepare<[string], RelationRow>(
        `SELECT ${RELATION_COLUMNS} FROM partner_relations WHERE id = ?`,
      ),
      relations: db.prepare<[string], RelationRow>(
        `SELECT ${RELATION_COLUMNS} FROM partner_relations WHERE board_id = ? ORDER BY created_at, id`,
      ),
      removeRelation: db.prepare<[string, number, string]>(
        'UPDATE partner_relations SET removed_by = ?, removed_at = ? WHERE id = ? AND removed_at IS NULL',
      ),
    };
  }

  async saveProfile(profile: PartnerProfile): Promise<void> {
    const { partnerId, updatedBy, updatedAt, ...fields } = profile;
    const editable: UpdateProfileRequest = fields;
    this.statements.saveProfile.run(partnerId, JSON.stringify(editable), updatedBy, updatedAt);
  }

  async listProfiles(boardId: string): Promise<PartnerProfile[]> {
    return this.statements.profiles.all(boardId).flatMap((row) => profileOf(row) ?? []);
  }

  /** The limit and the duplicate check count current (not removed) relations, in one transaction with the insert. */
  async createRelation(relation: RelationRecord, maxPerBoard: number): Promise<CreateRelationResult> {
    return this.db.transaction((): CreateRelationResult => {
      const current = this.relations(relation.boardId, false);
      if (current.length >= maxPerBoard) return 'limit_reached';
      if (current.some((r) => samePairAndKind(r, relation))) return 'duplicate';
      const { removedAt: _removedAt, removedBy: _removedBy, ...row } = relation;
      this.statements.insertRelation.run(row);
      return 'created';
    })();
  }

  async getRelation(relationId: string): Promise<RelationRecord | null> {
    const row = this.statements.relation.get(relationId);
    return row ? toRelation(row) : null;
  }

  async listRelations(
    boardId: string,
    options: { includeRemoved?: boolean } = {},
  ): Promise<RelationRecord[]> {
    return this.relations(boardId, options.includeRemoved ?? false);
  }

  async removeRelation(relationId: string, by: string, at: number): Promise<boolean> {
    return this.statements.removeRelation.run(by, at, relationId).changes === 1;
  }

  private relations(boardId: string, includeRemoved: boolean): RelationRecord[] {
    const all = this.statements.relations.all(boardId).map(toRelation);
    return includeRemoved ? all : all.filter((r) => r.removedAt === null);
  }
}
