import type { Participant, Partner, writeRecordEntries } from '@common-ground/shared';
import { networkEntries } from '../network/projection';
import { roundEntries } from '../rounds/projection';
import type { ParticipantRecord, PartnerRecord, Storage } from '../storage/types';

export const toPartner = ({ id, name, kind }: PartnerRecord): Partner => ({ id, name, kind });
export const toParticipant = ({ id, name, role, partnerId, color }: ParticipantRecord): Participant => ({
  id,
  name,
  role,
  partnerId,
  color,
});

export type RecordEntries = Parameters<typeof writeRecordEntries>[1];

/**
 * Everything the record document holds, as storage has it now: written on every load, so the record catches up
 * with storage even if a write after a change failed (unchanged entries produce no update).
 */
export async function recordEntries(storage: Storage, boardId: string): Promise<RecordEntries> {
  const [partners, participants, rounds, network] = await Promise.all([
    storage.listPartners(boardId),
    storage.listParticipants(boardId),
    roundEntries(storage, boardId),
    networkEntries(storage, boardId),
  ]);
  return {
    partners: partners.map(toPartner),
    participants: participants.map(toParticipant),
    ...rounds,
    ...network,
  };
}
