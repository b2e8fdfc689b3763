import type { Amendment } from '@common-ground/shared/api';
import { goalText, randomId, writeRecordEntries } from '@common-ground/shared/schema';
import type { Logger } from '../log';
import type { BoardProjection, RecordProjector } from '../record/projector';
import { conflict, forbidden, notFound } from '../refusal';
import { boardDocKey } from '../rooms/docKeys';
import type { RoomRegistry } from '../rooms/registry';
import { restoreText } from '../rounds/restoreText';
import type { RefusedEdit } from '../rounds/wordingLock';
import type { ParticipantRecord, Storage } from '../storage/types';

export interface AmendmentServiceDeps {
  readonly storage: Pick<Storage, 'rounds' | 'amendments'>;
  readonly rooms: RoomRegistry;
  /** The server's record projector: this service's changes take their turn in its board queues. */
  readonly projector: RecordProjector;
  readonly log: Logger;
  readonly now: () => number;
}

/**
 * Proposed amendments: edits of a goal's wording that an open round's lock refused (rounds/wordingLock.ts), kept
 * so that nothing typed is lost. Stored with the author the connection authenticated, projected into the record
 * document for everyone; only the facilitator adopts one (into the goal, once no round is open on it) or dismisses
 * it.
 */
export class AmendmentService {
  private readonly projector: BoardProjection;

  constructor(private readonly deps: AmendmentServiceDeps) {
    this.projector = deps.projector.for('an amendment');
  }

  /** Keeps a refused edit; never rejects (it runs after the writer's batch, where nobody could answer it). */
  async propose(edit: RefusedEdit): Promise<void> {
    try {
      const stored = await this.deps.storage.amendments.proposeAmendment({
        id: randomId(),
        ...edit,
        proposedAt: this.deps.now(),
      });
      await this.project(stored);
    } catch (error) {
      this.deps.log.error('refused wording edit not kept as an amendment', {
        boardId: edit.boardId,
        goalId: edit.goalId,
        error,
      });
    }
  }

  list(boardId: string): Promise<Amendment[]> {
    return this.deps.storage.amendments.listAmendments(boardId);
  }

  /**
   * Writes the amended texts into the goal as a server write the log attributes to the facilitator. Refused while
   * the goal has an open round: its wording is locked (the facilitator closes or cancels the round first).
   */
  async adopt(boardId: string, amendmentId: string, actor: ParticipantRecord): Promise<Amendment> {
    const amendment = await this.proposedOf(boardId, amendmentId, actor, 'adopt');
    const open = await this.deps.storage.rounds.listOpenRounds(boardId);
    if (open.some((round) => round.goalId === amendment.goalId)) {
      throw conflict('The goal has an open round: close or cancel it before adopting an amendment');
    }
    const docKey = boardDocKey(boardId);
    const exists = await this.deps.rooms.read(
      docKey,
      (doc) => goalText(doc, amendment.goalId, 'title') !== null,
    );
    if (!exists) throw conflict('The goal no longer exists');
    const adopted = await this.resolve(amendment, 'adopted', actor);
    await this.deps.rooms.mutate(
      docKey,
      (doc) => {
        for (const field of ['title', 'description'] as const) {
          const text = goalText(doc, amendment.goalId, field);
          const value = amendment[field];
          if (text && value !== null) restoreText(text, value);
        }
      },
      actor.id,
    );
    return adopted;
  }

  async dismiss(boardId: string, amendmentId: string, actor: ParticipantRecord): Promise<Amendment> {
    return this.resolve(await this.proposedOf(boardId, amendmentId, actor, 'dismiss'), 'dismissed', actor);
  }

  private async proposedOf(
    boardId: string,
    amendmentId: string,
    actor: ParticipantRecord,
    action: string,
  ): Promise<Amendment> {
    if (actor.role !== 'facilitator') throw forbidden(`Only the facilitator can ${action} an amendment`);
    const amendment = await this.deps.storage.amendments.getAmendment(amendmentId);
    if (!amendment || amendment.boardId !== boardId) throw notFound('No such amendment on this board');
    if (amendment.status !== 'proposed') throw conflict(`This amendment was already ${amendment.status}`);
    return amendment;
  }

  /** Resolves once, atomically: of two facilitators adopting at once, one gets a conflict and writes nothing. */
  private async resolve(
    amendment: Amendment,
    status: 'adopted' | 'dismissed',
    actor: ParticipantRecord,
  ): Promise<Amendment> {
    const resolved = await this.deps.storage.amendments.resolveAmendment(amendment.id, {
      status,
      by: actor.id,
      at: this.deps.now(),
    });
    if (!resolved) throw conflict('This amendment was already resolved');
    await this.project(resolved);
    return resolved;
  }

  private project(amendment: Amendment): Promise<void> {
    return this.projector.project(amendment.boardId, async () => {
      const current = await this.deps.storage.amendments.getAmendment(amendment.id);
      return current ? (doc) => writeRecordEntries(doc, { amendments: [current] }) : null;
    });
  }
}
