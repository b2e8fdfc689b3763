import type { NetworkPartner, NetworkResponse, PartnerPosition } from '@common-ground/shared/api';
import { readGoalStructure, readGoals } from '@common-ground/shared/schema';
import type { ReplayCache } from '../activity/cache';
import { toPartner } from '../rooms/record';
import type { Storage } from '../storage/types';
import { toRelation } from './projection';

/**
 * The network map's data: every partner with its profile and its own position — its relations, the goals its
 * people proposed (by the update log), the goals it leads and those it supports with what it commits.
 */
export async function buildNetwork(
  storage: Pick<Storage, 'accounts' | 'partners' | 'network'>,
  replays: ReplayCache,
  boardId: string,
): Promise<NetworkResponse> {
  const [replay, participants, storedProfiles, storedRelations, storedPartners] = await Promise.all([
    replays.get(boardId),
    storage.accounts.listParticipants(boardId),
    storage.network.listProfiles(boardId),
    storage.network.listRelations(boardId),
    storage.partners.listPartners(boardId),
  ]);
  // The replay's document is the board as logged so far: no room needs loading for a read.
  const { proposers, doc } = replay;
  const partnerOf = new Map(participants.map((p) => [p.id, p.partnerId]));
  const profiles = new Map(storedProfiles.map((p) => [p.partnerId, p]));
  const relations = storedRelations.map(toRelation);
  const partners = storedPartners.map(toPartner);
  const positions = new Map<string, PartnerPosition>(
    partners.map((p) => [
      p.id,
      {
        relationIds: relations.filter((r) => r.from === p.id || r.to === p.id).map((r) => r.id),
        proposedGoalIds: [],
        leadGoalIds: [],
        supportedGoals: [],
      },
    ]),
  );
  const goals = readGoals(doc).map((goal) => {
    const proposer = proposers.get(goal.id);
    const proposedBy = proposer ? partnerOf.get(proposer) : null;
    if (proposedBy) positions.get(proposedBy)?.proposedGoalIds.push(goal.id);
    const structure = readGoalStructure(doc, goal.id);
    if (structure.leadPartnerId) positions.get(structure.leadPartnerId)?.leadGoalIds.push(goal.id);
    for (const { partnerId, text } of structure.commitments) {
      positions.get(partnerId)?.supportedGoals.push({ goalId: goal.id, commitment: text });
    }
    return { id: goal.id, title: goal.title, stage: goal.stage };
  });
  const withPositions = partners.map(
    (p): NetworkPartner => ({
      ...p,
      profile: profiles.get(p.id) ?? null,
      position: positions.get(p.id) ?? {
        relationIds: [],
        proposedGoalIds: [],
        leadGoalIds: [],
        supportedGoals: [],
      },
    }),
  );
  return { partners: withPositions, relations, goals };
}
