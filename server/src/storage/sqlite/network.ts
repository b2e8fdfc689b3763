import {
  type PartnerProfile,
  PartnerProfileSchema,
  type RelationKind,
  type UpdateProfileRequest,
} from '@common-ground/shared';
import type Database from 'better-sqlite3';
import { samePairAndKind } from '../relationRules';
import type { CreateRelationResult, RelationRecord } from '../types';

interface ProfileRow {
  partner_id: string;
  profile_json: string;
  updated_by: string;
  updated_at: number;
}
interface RelationRow {
  id: string;
  board_id: string;
  from_partner: string;
  to_partner: string;
  kind: string;
  strength: number;
  note: string;
  created_by: string;
  created_at: number;
  removed_by: string | null;
  removed_at: number | null;
}

// Rows only ever come from our own inserts, whose values were validated at the API boundary.
const toRelation = (r: RelationRow): RelationRecord => ({
  id: r.id,
  boardId: r.board_id,
  from: r.from_partner,
  to: r.to_partner,
  kind: r.kind as RelationKind,
  strength: r.strength,
  note: r.note,
  createdBy: r.created_by,
  createdAt: r.created_at,
  removedBy: r.removed_by,
  removedAt: r.removed_at,
});

/** The profile's editable fields as stored; an entry an older version wrote is read as far as it is valid. */
function toProfile(r: ProfileRow): PartnerProfile | null {
  const parsed = PartnerProfileSchema.safeParse({
    ...(JSON.parse(r.profile_json) as object),
    partnerId: r.partner_id,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  });
  return parsed.success ? parsed.data : null;
}

const RELATION_COLUMNS =
  'id, board_id, from_partner, to_partner, kind, strength, note, created_by, created_at, removed_by, removed_at';

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
      profiles: db.prepare<[string], ProfileRow>(
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
    return this.s.profiles.all(boardId).flatMap((row) => toProfile(row) ?? []);
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
