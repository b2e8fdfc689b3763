import type { Participant, Partner, ProposedPartner } from '@common-ground/shared/api';
import type { writeRecordEntries } from '@common-ground/shared/schema';
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
  erased,
}: ParticipantRecord): Participant => ({
  id,
  name,
  role,
  partnerId,
  ...(pendingPartnerId ? { pendingPartnerId } : {}),
  color,
  ...(erased ? { erased } : {}),
});

/** A participant as the record shows them; a removed one keeps their entry (names in history stay), marked. */
export const toRecordParticipant = ({ participant, removedAt }: PersonRecord): Participant =>
  removedAt === null ? toParticipant(participant) : { ...toParticipant(participant), removed: true };

/** The organisations (confirmed and proposed) and people of a board as storage has them now. */
export async function membershipEntries(
  storage: Pick<Storage, 'partners' | 'people'>,
  boardId: string,
): Promise<RecordEntries> {
  const [partners, proposed, participants] = await Promise.all([
    storage.partners.listPartners(boardId),
    storage.partners.listProposedPartners(boardId),
    storage.people.listPeople(boardId),
  ]);
  return {
    partners: partners.map(toPartner),
    proposedPartners: proposed.map(toProposedPartner),
    participants: participants.map(toRecordParticipant),
  };
}

export type RecordEntries = Parameters<typeof writeRecordEntries>[1];
