import * as Y from 'yjs';
import type { Logger } from '../log';
import type { Storage } from '../storage/types';
import type { DocSize } from './docSize';

export interface SnapshotDeps {
  readonly docKey: string;
  readonly doc: Y.Doc;
  readonly storage: Storage;
  readonly log: Logger;
  readonly now: () => number;
  /** Snapshot after this many logged updates (and on unload, and on load if the tail is this long); 0 = never. */
  readonly every: number;
  /** Told the exact size of every state encoded for a snapshot. */
  readonly size: DocSize;
  /** Highest sequence number stored by this instance or received from another. */
  readonly lastSeq: () => number;
}

/**
 * When one room's document is saved as a snapshot, and under which sequence number. Call take() only while the
 * write queue is idle: the snapshot's seq must cover everything in the document.
 */
export class Snapshots {
  private sinceLast: number;
  private saving: Promise<void> | null = null;
  /** The highest seq such that the document holds every update up to it (see setCoverage). */
  private coverage: () => number;

  constructor(
    private readonly deps: SnapshotDeps,
    /** Updates in the log after the snapshot the room was loaded from. */
    loadedTail: number,
  ) {
    this.sinceLast = loadedTail;
    this.coverage = deps.lastSeq;
  }

  /**
   * With several instances, updates may arrive out of order: a snapshot then covers only the seq through which
   * the document has every update, which `coverage` tells.
   */
  setCoverage(coverage: () => number): void {
    this.coverage = () => Math.min(this.deps.lastSeq(), coverage());
  }

  /** A batch of this many updates was sent (stored here or by another instance). */
  counted(updates: number): void {
    this.sinceLast += updates;
  }

  get due(): boolean {
    return this.deps.every > 0 && this.sinceLast >= this.deps.every;
  }

  /** The queue went idle: a snapshot that is due is taken now, unless one is being saved. */
  takeIfDue(): void {
    if (this.due && !this.saving) void this.take();
  }

  /** On unload, once the queue is idle: waits for a snapshot being saved, then saves one if the log grew since. */
  async final(): Promise<void> {
    await this.saving;
    if (this.deps.every > 0 && this.sinceLast > 0) await this.take();
  }

  /** Encodes the document now (call only while idle: seq must cover all of it) and stores it. */
  take(): Promise<void> {
    const state = Y.encodeStateAsUpdate(this.deps.doc);
    const covered = this.sinceLast;
    this.deps.size.measured(state.byteLength);
    const saving = this.save(this.coverage(), state, covered).finally(() => {
      if (this.saving === saving) this.saving = null;
    });
    this.saving = saving;
    return saving;
  }

  /**
   * Record documents: replaces the stored log with the document as it is now, as its snapshot (see
   * DocumentLog.compactRecord). Call only while idle, like take(): the state is encoded before anything is awaited.
   */
  async compact(): Promise<void> {
    const state = Y.encodeStateAsUpdate(this.deps.doc);
    this.deps.size.measured(state.byteLength);
    const covered = this.sinceLast;
    await this.deps.storage.log.compactRecord(this.deps.docKey, this.coverage(), state, this.deps.now());
    this.sinceLast -= covered;
  }

  /** A snapshot being saved has finished (whatever its outcome). */
  async settled(): Promise<void> {
    await this.saving;
  }

  private async save(seq: number, state: Uint8Array, covered: number): Promise<void> {
    try {
      await this.deps.storage.log.saveSnapshot(this.deps.docKey, seq, state, this.deps.now());
      this.sinceLast -= covered;
    } catch (error) {
      // The log still holds every update; the next snapshot attempt or load replays it.
      this.deps.log.warn('snapshot failed', { docKey: this.deps.docKey, error });
      return;
    }
    try {
      // The log up to the snapshot is read as a whole from now on: sealed into one compressed segment.
      await this.deps.storage.log.sealThrough(this.deps.docKey, seq);
    } catch (error) {
      // Nothing moved: the rows stay where they were and the next snapshot seals them.
      this.deps.log.warn('sealing the log failed', { docKey: this.deps.docKey, error });
    }
  }
}
