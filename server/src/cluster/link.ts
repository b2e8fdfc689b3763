import { PEER_ORIGIN, PeerOrigin } from '@common-ground/shared/schema';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Logger } from '../log';
import type { SequencedUpdate } from '../rooms/connection';
import { parseDocKey } from '../rooms/docKeys';
import type { Room } from '../rooms/room';
import type { Storage } from '../storage/types';
import type { ClusterBus } from './bus';
import { DocCatchUp, realSchedule, type Schedule } from './catchUp';

export interface ClusterLinkDeps {
  readonly bus: ClusterBus;
  readonly storage: Pick<Storage, 'log'>;
  readonly log: Logger;
  /** How often each open document is checked against the database (see Config.clusterCheckMs). */
  readonly checkMs: number;
  /**
   * Another instance changed a board's record document. Record entries are projected from the database by
   * whichever instance made a change; two instances projecting at once can leave the older state winning the
   * CRDT merge, so the receiver re-projects from the database (a no-op when the record already matches).
   */
  readonly onRemoteRecordChange: (boardId: string) => void;
  /** Any instance wrote a board's record document, loaded here or not (rounds may have opened or closed). */
  readonly onRecordNews: (boardId: string) => void;
  readonly schedule?: Schedule;
}

/** An empty awareness message asks the other instances for their clients' presence (a room just loaded here). */
const PRESENCE_QUERY = new Uint8Array(0);

/** The origin y-protocols gives the removal of an awareness state that timed out. */
const AWARENESS_TIMEOUT_ORIGIN = 'timeout';

interface LinkedDoc {
  readonly room: Room;
  readonly catchUp: DocCatchUp;
  readonly stopChecks: () => void;
  readonly stopPresence: () => void;
}

/**
 * Joins this instance's open documents to the other instances'. Own stored batches are announced on the bus;
 * announced batches of others are applied to the loaded room (never stored again) and checked for gaps, which are
 * filled from the database; every open document is also checked on a timer, since a lost last message leaves no
 * gap to notice. Presence travels over the bus as it is; a room that loads asks the others for theirs.
 */
export class ClusterLink {
  private readonly docs = new Map<string, LinkedDoc>();

  constructor(private readonly deps: ClusterLinkDeps) {
    deps.bus.onUpdates((docKey, entries) => {
      const { boardId, kind } = parseDocKey(docKey);
      if (kind === 'record') deps.onRecordNews(boardId);
      this.docs.get(docKey)?.catchUp.receive(entries);
    });
    deps.bus.onAwareness((docKey, update) => this.receivePresence(docKey, update));
  }

  /** A room loaded on this instance (before anyone joins it). */
  attach(room: Room): void {
    this.detach(room.docKey);
    const { storage, log, bus } = this.deps;
    const isRecord = parseDocKey(room.docKey).kind === 'record';
    const catchUp = new DocCatchUp(room.lastSeq, {
      docKey: room.docKey,
      listUpdates: async (afterSeq) => storage.log.listUpdates(room.docKey, afterSeq),
      quarantined: async (afterSeq) =>
        (await storage.log.listQuarantined(room.docKey)).map((q) => q.seq).filter((seq) => seq > afterSeq),
      apply: (entries) => {
        room.applyRemoteUpdates(entries);
        if (isRecord) this.deps.onRemoteRecordChange(parseDocKey(room.docKey).boardId);
      },
      log,
      schedule: this.deps.schedule ?? realSchedule,
    });
    room.setSnapshotCoverage(() => catchUp.appliedThrough);
    const timer = setInterval(() => void catchUp.check(), this.deps.checkMs);
    timer.unref();
    const onPresence = (
      { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
      origin: unknown,
    ) => {
      // Remote states time out on every instance by themselves; only this instance's changes go out.
      if (origin instanceof PeerOrigin || origin === AWARENESS_TIMEOUT_ORIGIN) return;
      const changed = [...added, ...updated, ...removed];
      bus.publishAwareness(room.docKey, awarenessProtocol.encodeAwarenessUpdate(room.awareness, changed));
    };
    room.awareness.on('update', onPresence);
    this.docs.set(room.docKey, {
      room,
      catchUp,
      stopChecks: () => clearInterval(timer),
      stopPresence: () => room.awareness.off('update', onPresence),
    });
    // Whatever was stored between reading the document and now came before this room listened to the bus.
    void catchUp.check();
    bus.publishAwareness(room.docKey, PRESENCE_QUERY);
  }

  /** The room is unloading or broken: nothing more is applied to it. */
  detach(docKey: string): void {
    const linked = this.docs.get(docKey);
    if (!linked) return;
    this.docs.delete(docKey);
    linked.catchUp.close();
    linked.stopChecks();
    linked.stopPresence();
  }

  /** This instance stored a batch of a room's updates (the afterStoreDocument hook). */
  stored(docKey: string, entries: readonly SequencedUpdate[]): void {
    this.docs.get(docKey)?.catchUp.noteOwn(entries.map((entry) => entry.seq));
    this.deps.bus.publishUpdates(docKey, entries);
  }

  close(): void {
    for (const docKey of [...this.docs.keys()]) this.detach(docKey);
  }

  private receivePresence(docKey: string, update: Uint8Array): void {
    const linked = this.docs.get(docKey);
    if (!linked) return;
    const { room } = linked;
    if (update.byteLength === 0) {
      const own = room.localPresenceIds();
      if (own.length > 0) {
        this.deps.bus.publishAwareness(docKey, awarenessProtocol.encodeAwarenessUpdate(room.awareness, own));
      }
      return;
    }
    try {
      awarenessProtocol.applyAwarenessUpdate(room.awareness, update, PEER_ORIGIN);
    } catch (error) {
      this.deps.log.warn('cluster: malformed presence from another instance', { docKey, error });
    }
  }
}
