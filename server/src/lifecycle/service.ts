import { ACTIVE_LIFECYCLE, type BoardLifecycle, isReadOnlyLifecycle } from '@common-ground/shared/api';
import { CloseCode } from '@common-ground/shared/protocol';
import { writeRecordEntries } from '@common-ground/shared/schema';
import type { Extension } from '../hooks/extension';
import type { Logger } from '../log';
import type { BoardProjection } from '../record/projector';
import { conflict, forbidden, Refusal } from '../refusal';
import { boardDocKey, recordDocKey } from '../rooms/docKeys';
import type { LoadedEvent } from '../rooms/documentHooks';
import type { RoomRegistry } from '../rooms/registry';
import type { Room } from '../rooms/room';
import type { ParticipantRecord, Storage } from '../storage/types';
import { startSweep } from '../sweeps';
import type { ParticipantSockets } from '../ws/participantSockets';

/** Told when a deletion is scheduled, so every participant hears of it (the mail notifier; absent without mail). */
export interface DeletionListener {
  deletionScheduled(boardId: string, lifecycle: BoardLifecycle): Promise<void>;
}

export interface LifecycleDeps {
  readonly storage: Storage;
  readonly rooms: RoomRegistry;
  readonly projection: BoardProjection;
  readonly sockets: Pick<ParticipantSockets, 'closeAll'>;
  readonly log: Logger;
  readonly now: () => number;
  /** Time to undo a deletion (BOARD_DELETION_GRACE_DAYS). */
  readonly graceMs: number;
  readonly listener?: DeletionListener;
}

/**
 * A board's lifecycle: the facilitator archives it (read-only for everyone, still readable and exportable) or
 * deletes it, which makes it read-only at once and removes it with everything stored about it once the grace
 * period has passed (the sweep), unless undone before. The state lives in storage and is mirrored into the record
 * document, so every device shows the banner live. Read-only is enforced in three places: the HTTP guard
 * (http/readOnlyGuard.ts), the rooms (Room.readOnly, set here for loaded rooms and on every load as an extension),
 * and the clients, which hide what would change the board.
 */
export class LifecycleService implements Extension {
  readonly name = 'board lifecycle';
  /** Boards being purged right now: their documents may not load again meanwhile. */
  private readonly purging = new Set<string>();
  private sweeping: Promise<void> | null = null;

  constructor(private readonly deps: LifecycleDeps) {}

  async get(boardId: string): Promise<BoardLifecycle> {
    return (await this.deps.storage.lifecycle.getLifecycle(boardId)) ?? ACTIVE_LIFECYCLE;
  }

  async isReadOnly(boardId: string): Promise<boolean> {
    return isReadOnlyLifecycle(await this.deps.storage.lifecycle.getLifecycle(boardId));
  }

  /** Archives the board; archiving again keeps the first time and who did it. */
  async archive(boardId: string, actor: ParticipantRecord): Promise<BoardLifecycle> {
    facilitatorOnly(actor);
    const current = await this.get(boardId);
    if (current.archivedAt !== null) return current;
    return this.change(boardId, { ...current, archivedAt: this.deps.now(), archivedBy: actor.id });
  }

  async unarchive(boardId: string, actor: ParticipantRecord): Promise<BoardLifecycle> {
    facilitatorOnly(actor);
    const current = await this.get(boardId);
    if (current.archivedAt === null) return current;
    return this.change(boardId, { ...current, archivedAt: null, archivedBy: null });
  }

  /**
   * Schedules the deletion at now + the grace period and tells every participant (once: asking again while it is
   * pending changes nothing, so nobody is told twice and the date does not move).
   */
  async scheduleDeletion(boardId: string, actor: ParticipantRecord): Promise<BoardLifecycle> {
    facilitatorOnly(actor);
    const current = await this.get(boardId);
    if (current.deleteAfter !== null) return current;
    const now = this.deps.now();
    const next = await this.change(boardId, {
      ...current,
      deletionRequestedAt: now,
      deletionRequestedBy: actor.id,
      deleteAfter: now + this.deps.graceMs,
    });
    try {
      await this.deps.listener?.deletionScheduled(boardId, next);
    } catch (error) {
      // The deletion stands and the banner shows it on every device; only the mails are missing.
      this.deps.log.error('deletion notices not queued', { boardId, error });
    }
    return next;
  }

  /** Undoes a pending deletion; 409 when none is pending, 409 grace_ended once its time is up. */
  async restoreDeletion(boardId: string, actor: ParticipantRecord): Promise<BoardLifecycle> {
    facilitatorOnly(actor);
    const current = await this.get(boardId);
    if (current.deleteAfter === null) throw conflict('No deletion of this board is pending');
    if (current.deleteAfter <= this.deps.now() || this.purging.has(boardId)) {
      throw new Refusal(
        409,
        'grace_ended',
        'The time to undo the deletion is over; the board is being removed',
      );
    }
    return this.change(boardId, {
      ...current,
      deletionRequestedAt: null,
      deletionRequestedBy: null,
      deleteAfter: null,
    });
  }

  /**
   * Removes every board whose grace period has passed. One sweep at a time (the timer and a test may both ask);
   * a board that fails is logged and tried again by the next sweep.
   */
  sweep(): Promise<void> {
    this.sweeping ??= this.sweepDue().finally(() => {
      this.sweeping = null;
    });
    return this.sweeping;
  }

  private async sweepDue(): Promise<void> {
    const due = await this.deps.storage.lifecycle.listDueDeletions(this.deps.now());
    for (const boardId of due) {
      try {
        await this.purge(boardId);
      } catch (error) {
        this.deps.log.error('board not purged', { boardId, error });
      }
    }
  }

  /**
   * The purge: no document of the board may load meanwhile; every socket of its people is closed (BoardDeleted:
   * the device forgets the board), its rooms are dropped without a last snapshot, then storage removes every row
   * in one transaction, tokens included, so nothing opens it again.
   */
  private async purge(boardId: string): Promise<void> {
    this.purging.add(boardId);
    try {
      const people = await this.deps.storage.accounts.listParticipants(boardId);
      for (const person of people) {
        this.deps.sockets.closeAll(person.id, CloseCode.BoardDeleted, 'The board was deleted');
      }
      for (const docKey of [boardDocKey(boardId), recordDocKey(boardId)]) {
        await this.deps.rooms.discard(docKey, CloseCode.BoardDeleted, 'The board was deleted');
      }
      const removed = await this.deps.storage.lifecycle.purgeBoard(boardId);
      if (removed) this.deps.log.info('board purged', { boardId });
    } finally {
      this.purging.delete(boardId);
    }
  }

  /** Stores the new state, makes loaded rooms follow at once, and mirrors it into the record document. */
  private async change(boardId: string, next: BoardLifecycle): Promise<BoardLifecycle> {
    await this.deps.storage.lifecycle.setLifecycle(boardId, next);
    const reopened = this.follow(boardId, isReadOnlyLifecycle(next));
    await this.deps.projection.project(boardId, async () => {
      // Read in its turn: two changes in a row reach the record in the order storage has them.
      const stored = await this.deps.storage.lifecycle.getLifecycle(boardId);
      return (doc) => writeRecordEntries(doc, { lifecycle: stored });
    });
    reopened?.();
    return next;
  }

  /**
   * Another instance changed the board's record (with several instances): this instance's loaded room reads the
   * lifecycle again. Never rejects: a failed read leaves the room as it was until the next change or load.
   */
  async refresh(boardId: string): Promise<void> {
    if (!this.deps.rooms.get(boardDocKey(boardId))) return;
    try {
      this.follow(boardId, await this.isReadOnly(boardId))?.();
    } catch (error) {
      this.deps.log.error('board lifecycle not refreshed', { boardId, error });
    }
  }

  /**
   * Makes the loaded board room read-only or not. When it can be changed again, returns what closes its sockets:
   * a device that changed its copy while the board was read-only (a stale tab, offline edits) had those changes
   * dropped, and its next update would build on them. Reconnecting (1001: the client reconnects by itself) syncs
   * its whole state afresh, taken as offline edits are.
   */
  private follow(boardId: string, readOnly: boolean): (() => void) | null {
    const room = this.deps.rooms.get(boardDocKey(boardId));
    if (!room) return null;
    const reopened = room.readOnly && !readOnly;
    room.readOnly = readOnly;
    if (!reopened) return null;
    return () => {
      for (const conn of [...room.connections])
        conn.close(CloseCode.GoingAway, 'The board can be changed again');
    };
  }

  /** Every board document that loads learns whether it is read-only; a board being purged does not load. */
  async afterLoadDocument({ kind, boardId, room }: LoadedEvent<Room>): Promise<void> {
    if (this.purging.has(boardId)) throw new Error('The board is being deleted');
    if (kind === 'board') room.readOnly = await this.isReadOnly(boardId);
  }
}

function facilitatorOnly(actor: ParticipantRecord): void {
  if (actor.role !== 'facilitator') throw forbidden('Only a facilitator can archive or delete the board');
}

/** How often due deletions are looked for: a board goes within minutes of its last day, never before it. */
const PURGE_SWEEP_MS = 10 * 60 * 1000;

/**
 * The purge's timer: a sweep at start (boards that came due while the server was down) and then every few
 * minutes. Tests call `sweep()` after moving the config's clock instead of waiting for it.
 */
export function startPurgeSweep(
  lifecycle: Pick<LifecycleService, 'sweep'>,
  intervalMs = PURGE_SWEEP_MS,
): { stop: () => Promise<void> } {
  return startSweep(() => lifecycle.sweep(), intervalMs);
}
