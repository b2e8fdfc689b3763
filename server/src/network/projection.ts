import type { PartnerProfile, Relation } from '@common-ground/shared/api';
import type { RelationRecord, Storage } from '../storage/types';

export const toRelation = ({
  id,
  from,
  to,
  kind,
  strength,
  note,
  createdBy,
  createdAt,
}: RelationRecord): Relation => ({
  id,
  from,
  to,
  kind,
  strength,
  note,
  createdBy,
  createdAt,
});

/**
 * What the record document holds about the network: every profile, every current relation, and the removal of
 * every removed one — so a reload converges on storage even if a write after a change failed.
 */
export async function networkEntries(
  storage: Pick<Storage, 'network'>,
  boardId: string,
): Promise<{ profiles: PartnerProfile[]; relations: Relation[]; removedRelationIds: string[] }> {
  const [relations, profiles] = await Promise.all([
    storage.network.listRelations(boardId, { includeRemoved: true }),
    storage.network.listProfiles(boardId),
  ]);
  return {
    profiles,
    relations: relations.filter((r) => r.removedAt === null).map(toRelation),
    removedRelationIds: relations.filter((r) => r.removedAt !== null).map((r) => r.id),
  };
}
