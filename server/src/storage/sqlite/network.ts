import type { PartnerProfile, UpdateProfileRequest } from '@common-ground/shared';
import type Database from 'better-sqlite3';
import { samePairAndKind } from '../relationRules';
import { type ProfileRow, RELATION_COLUMNS, type RelationRow, toProfile, toRelation } from '../rows';
import type { CreateRelationResult, RelationRecord } from '../types';

type SqliteProfileRow = Omit<ProfileRow, 'profile'> & { profile_json: string };

const profileOf = ({ profile_json, ...r }: SqliteProfileRow): PartnerProfile | null =>
  toProfile({ ...r, profile: JSON.parse(profile_json) });

/** Visits, profiles and relations: the network part of SqliteStorage. */
export class SqliteNetworkStore {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    this.s = {
      recordVisit: db.prepare<[string, number]>(
        `INSERT INTO participant_visits (participant_id, last_seen_at) VALUES (?, ?)
         ON CONFLICT (participant_id) DO UPDATE SET last_seen_at = excluded.last_seen_at`,
      ),
      visit: db.prepare<[string], { last_seen_at: number }>(
        'SELECT last_seen_at FROM participant_visits WHERE participant_id = ?',
      ),
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

  recordVisit(participantId: string, at: number): void {
    this.s.recordVisit.run(participantId, at);
  }

  getLastVisit(participantId: string): number | null {
    return this.s.visit.get(participantId)?.last_seen_at ?? null;
  }

  saveProfile(profile: PartnerProfile): void {
    const { partnerId, updatedBy, updatedAt, ...fields } = profile;
    const editable: UpdateProfileRequest = fields;
    this.s.saveProfile.run(partnerId, JSON.stringify(editable), updatedBy, updatedAt);
  }

  listProfiles(boardId: string): PartnerProfile[] {
    return this.s.profiles.all(boardId).flatMap((row) => profileOf(row) ?? []);
  }

  /** The limit and the duplicate check count current (not removed) relations, in one transaction with the insert. */
  createRelation(relation: RelationRecord, maxPerBoard: number): CreateRelationResult {
    return this.db.transaction((): CreateRelationResult => {
      const current = this.listRelations(relation.boardId);
      if (current.length >= maxPerBoard) return 'limit_reached';
      if (current.some((r) => samePairAndKind(r, relation))) return 'duplicate';
      const { removedAt: _removedAt, removedBy: _removedBy, ...row } = relation;
      this.s.insertRelation.run(row);
      return 'created';
    })();
  }

  getRelation(relationId: string): RelationRecord | null {
    const row = this.s.relation.get(relationId);
    return row ? toRelation(row) : null;
  }

  listRelations(boardId: string, options: { includeRemoved?: boolean } = {}): RelationRecord[] {
    const all = this.s.relations.all(boardId).map(toRelation);
    return options.includeRemoved ? all : all.filter((r) => r.removedAt === null);
  }

  removeRelation(relationId: string, by: string, at: number): boolean {
    return this.s.removeRelation.run(by, at, relationId).changes === 1;
  }
}
