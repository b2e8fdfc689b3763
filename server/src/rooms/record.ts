import type { Participant, Partner, ProposedPartner, writeRecordEntries } from '@common-ground/shared';
import { networkEntries } from '../network/projection';
import { roundEntries } from '../rounds/projection';
import type {
  ParticipantRecord,
  PartnerRecord,
  PersonRecord,
  ProposedPartnerRecord,
  Storage,
} from '../storage/types';

export const toPartner = ({ id, name, kind }: PartnerRecord): Partner => ({ id, name, kind });
export const toProposedPartner = ({
  id,
  name,
  kind,
  proposedBy,
}: ProposedPartnerRecord): ProposedPartner => ({
  id,
  name,
  kind,
  proposedBy,
});
/** A claim shows only while it waits, so an entry of anyone without one stays as it was before claims existed. */
export const toParticipant = ({
  id,
  name,
  role,
  partnerId,
  pendingPartnerId,
  color,
}: ParticipantRecord): Participant => ({
  id,
  name,
  role,
  partnerId,
  ...(pendingPartnerId ? { pendingPartnerId } : {}),
  color,
});

/** A participant as the record shows them; a removed one keeps their entry (names in history stay), marked. */
export const toRecordParticipant = ({ participant, removedAt }: PersonRecord): Participant =>
  removedAt === null ? toParticipant(participant) : { ...toParticipant(participant), removed: true };

/** The organisations (confirmed and proposed) and people of a board as storage has them now. */
export async function membershipEntries(storage: Storage, boardId: string): Promise<RecordEntries> {
  const [partners, proposed, participants] = await Promise.all([
    storage.listPartners(boardId),
    storage.listProposedPartners(boardId),
    storage.listPeople(boardId),
  ]);
  return {
    partners: partners.map(toPartner),
    proposedPartners: proposed.map(toProposedPartner),
    participants: participants.map(toRecordParticipant),
  };
}

export type RecordEntries = Parameters<typeof writeRecordEntries>[1];

/**
 * Everything the record document holds, as storage has it now: written on every load, so the record catches up
 * with storage even if a write after a change failed (unchanged entries produce no update).
 */
export async function recordEntries(storage: Storage, boardId: string): Promise<RecordEntries> {
  const [membership, rounds, network, amendments, attributions, hiddenComments] = await Promise.all([
    membershipEntries(storage, boardId),
    roundEntries(storage, boardId),
    networkEntries(storage, boardId),
    storage.listAmendments(boardId),
    storage.listAttributions(boardId),
    storage.listHiddenComments(boardId),
  ]);
  return {
    ...membership,
    ...rounds,
    ...network,
    amendments,
    attributions,
    // The whole set: a comment shown again while no record was loaded leaves it on the next load.
    hiddenComments,
  };
}
