import type { PartnerProfile, Relation } from '@common-ground/shared/api';

/** The partners' network: their profiles and the relations between them. */
export interface NetworkStore {
  /** Replaces a partner's profile. */
  saveProfile(profile: PartnerProfile): Promise<void>;
  listProfiles(boardId: string): Promise<PartnerProfile[]>;
  /** Stores a relation unless the board has `maxPerBoard` already or the same pair has one of this kind. */
  createRelation(relation: RelationRecord, maxPerBoard: number): Promise<CreateRelationResult>;
  getRelation(relationId: string): Promise<RelationRecord | null>;
  /** The board's relations, oldest first; removed ones only with `includeRemoved`. */
  listRelations(boardId: string, options?: { includeRemoved?: boolean }): Promise<RelationRecord[]>;
  /** Marks a relation removed; false if it was removed already. The row stays, for the record. */
  removeRelation(relationId: string, by: string, at: number): Promise<boolean>;
}

export type CreateRelationResult = 'created' | 'limit_reached' | 'duplicate';

export interface RelationRecord extends Relation {
  readonly boardId: string;
  readonly removedAt: number | null;
  readonly removedBy: string | null;
}
