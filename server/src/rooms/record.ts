import { type Participant, type Partner, writeRecordEntries } from '@common-ground/shared';
import type * as Y from 'yjs';
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

/** Brings a record document up to date with storage; unchanged entries produce no update. */
export function reconcileRecord(storage: Storage, boardId: string, doc: Y.Doc): void {
  writeRecordEntries(doc, {
    partners: storage.listPartners(boardId).map(toPartner),
    participants: storage.listParticipants(boardId).map(toParticipant),
    ...roundEntries(storage, boardId),
    ...networkEntries(storage, boardId),
  });
}
