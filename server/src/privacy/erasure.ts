import { CloseCode } from '@common-ground/shared/protocol';
import { writeRecordEntries } from '@common-ground/shared/schema';
import type { Logger } from '../log';
import { conflict, forbidden, notFound } from '../refusal';
import { recordDocKey } from '../rooms/docKeys';
import { membershipEntries } from '../rooms/record';
import type { RoomRegistry } from '../rooms/registry';
import type { ParticipantRecord, Storage } from '../storage/types';
import type { ParticipantSockets } from '../ws/participantSockets';

/**
 * The stored pseudonym of an erased person. German, as the board's default language; every screen and export shows
 * it in the reader's language from the participant's `erased` number, so these words are only a fallback.
 */
export const pseudonymOf = (n: number): string => `Ehemalige/r Teilnehmende/r ${n}`;

export interface ErasureDeps {
  readonly storage: Pick<Storage, 'people' | 'partners'>;
  readonly rooms: RoomRegistry;
  readonly sockets: Pick<ParticipantSockets, 'closeAll'>;
  readonly log: Logger;
  readonly now: () => number;
}

/**
 * Erasure of a person's personal data from a board (DSGVO Art. 17), asked by the person or done by a facilitator
 * for someone who asked. The name is replaced in the participants table (the only place it is stored), the
 * person's access, address, mails, feed and visits go (PeopleStore.eraseParticipant), the record document is
 * rewritten with the pseudonym and its stored log compacted, so the name leaves the database too. Rounds,
 * stances, attributions and the board's update log hold ids only and are not touched: what the person
 * contributed stays, under the pseudonym and their organisation. Design: docs/privacy.md, "Erasure".
 */
export class ErasureService {
  constructor(private readonly deps: ErasureDeps) {}

  async erase(boardId: string, actor: ParticipantRecord, participantId: string): Promise<ParticipantRecord> {
    if (actor.id !== participantId && actor.role !== 'facilitator') {
      throw forbidden('Only the person themselves or a facilitator can erase their data');
    }
    return this.eraseAs(boardId, participantId, actor.id);
  }

  /** The retention sweep: a person inactive past the operator's period, warned in time (retention/policy.ts). */
  eraseInactive(boardId: string, participantId: string): Promise<ParticipantRecord> {
    return this.eraseAs(boardId, participantId, null);
  }

  private async eraseAs(
    boardId: string,
    participantId: string,
    by: string | null,
  ): Promise<ParticipantRecord> {
    const change = await this.deps.storage.people.eraseParticipant(
      boardId,
      participantId,
      by,
      this.deps.now(),
      pseudonymOf,
    );
    if (!change.ok) {
      if (change.reason === 'last_facilitator') {
        throw conflict('A board keeps at least one facilitator: make someone else facilitator first');
      }
      throw notFound('No such person on this board (or their data was erased already)');
    }
    this.deps.sockets.closeAll(participantId, CloseCode.AccessEnded, 'Personal data erased');
    await this.rewriteRecord(boardId);
    return change.participant;
  }

  /**
   * The name leaves the record document (written with the pseudonym) and then its stored log and snapshot
   * (compacted). The erasure itself is committed already; if this fails, the next load writes the pseudonym and
   * the next erasure compacts, so it is logged, and answered as an error for the person to try again.
   */
  private async rewriteRecord(boardId: string): Promise<void> {
    const docKey = recordDocKey(boardId);
    try {
      const entries = await membershipEntries(this.deps.storage, boardId);
      await this.deps.rooms.mutate(docKey, (doc) => writeRecordEntries(doc, entries));
      await this.deps.rooms.compactRecord(docKey);
    } catch (error) {
      this.deps.log.error('record document not compacted after an erasure', { boardId, error });
      throw error;
    }
  }
}
