import { ACTIVITY_COALESCE_MS } from '@common-ground/shared';
import * as Y from 'yjs';
import { applyLogged } from '../rooms/storedState';
import type { StoredUpdate } from '../storage/types';
import { diffGoal, type GoalChange, type GoalState, readGoalState } from './goalState';

/** A change of the board document, attributed to the participant whose socket sent the update (null = server). */
export interface DocEvent {
  readonly id: string;
  readonly goalId: string;
  readonly participantId: string | null;
  readonly startedAt: number;
  /** The following three move forward while edits coalesce into this event. */
  at: number;
  goalTitle: string;
  change: GoalChange;
}

/**
 * The document's growth from the previous checkpoint to this one (every update up to `seq`, all logged at or
 * before `maxAt`): applied in order, the parts up to a checkpoint rebuild the document as of it, one slice each.
 */
export interface Checkpoint {
  readonly seq: number;
  readonly maxAt: number;
  readonly part: Uint8Array;
}

/** "As of" replays at most this many log updates past its checkpoint; a part holds about this many updates' items. */
export const CHECKPOINT_EVERY = 256;

/**
 * The board document's update log replayed in order, from seq 1 (never from a snapshot: a snapshot has no
 * authors). After each update only the goals the update touched are read and compared with their previous state,
 * so replaying costs the size of the change, not of the board. Incremental: `advance` takes the updates logged
 * since `lastSeq`.
 */
export class BoardReplay {
  readonly doc = new Y.Doc();
  readonly events: DocEvent[] = [];
  /** Who proposed each goal, by the log. */
  readonly proposers = new Map<string, string | null>();
  /** Who added each comment, by the log (the comment's own `authorId` is client-written). */
  readonly commentAuthors = new Map<string, string | null>();
  lastSeq = 0;
  maxAt = 0;
  private readonly states = new Map<string, GoalState>();
  private readonly lastTitles = new Map<string, string>();
  /** The latest wording event per goal and field: the one a further edit by the same person may extend. */
  private readonly openWording = new Map<string, DocEvent>();
  private readonly checkpoints: Checkpoint[] = [];
  /** The document's state vector at the latest checkpoint: the next part holds what came after it. */
  private checkpointVector: Uint8Array = Y.encodeStateVector(this.doc);
  private replayed = 0;
  private touched = new Set<string>();

  constructor() {
    this.doc.getMap<unknown>('goals').observeDeep((events) => {
      for (const event of events) {
        if (event.path.length === 0) {
          for (const key of event.changes.keys.keys()) this.touched.add(key);
        } else if (typeof event.path[0] === 'string') {
          this.touched.add(event.path[0]);
        }
      }
    });
  }

  advance(updates: readonly StoredUpdate[]): void {
    for (const entry of updates) {
      if (entry.seq <= this.lastSeq) continue;
      this.touched = new Set();
      applyLogged(this.doc, entry.update);
      for (const goalId of [...this.touched].sort()) this.compare(goalId, entry);
      this.lastSeq = entry.seq;
      this.maxAt = Math.max(this.maxAt, entry.at);
      if (++this.replayed % CHECKPOINT_EVERY === 0) this.checkpoint();
    }
  }

  /** The parts up to the latest checkpoint whose every update was logged at or before `at`, oldest first. */
  checkpointsUntil(at: number): readonly Checkpoint[] {
    const end = this.checkpoints.findIndex((checkpoint) => checkpoint.maxAt > at);
    return end === -1 ? [...this.checkpoints] : this.checkpoints.slice(0, end);
  }

  titleOf(goalId: string): string {
    return this.states.get(goalId)?.title ?? this.lastTitles.get(goalId) ?? '';
  }

  destroy(): void {
    this.doc.destroy();
  }

  /** A part, not the whole state: encoding costs what changed, and all parts together weigh about one document. */
  private checkpoint(): void {
    const part = Y.encodeStateAsUpdate(this.doc, this.checkpointVector);
    this.checkpointVector = Y.encodeStateVector(this.doc);
    this.checkpoints.push({ seq: this.lastSeq, maxAt: this.maxAt, part });
  }

  private compare(goalId: string, entry: StoredUpdate): void {
    const before = this.states.get(goalId) ?? null;
    const after = readGoalState(this.doc, goalId);
    if (after) {
      this.states.set(goalId, after);
      this.lastTitles.set(goalId, after.title);
    } else {
      this.states.delete(goalId);
    }
    const goalTitle = this.titleOf(goalId);
    diffGoal(before, after).forEach((change, index) => {
      if (change.type === 'wording_changed' && this.coalesce(goalId, change, entry, goalTitle)) return;
      const event: DocEvent = {
        id: `${entry.seq}.${index}`,
        goalId,
        participantId: entry.participantId,
        startedAt: entry.at,
        at: entry.at,
        goalTitle,
        change,
      };
      this.events.push(event);
      if (change.type === 'wording_changed') this.openWording.set(`${goalId}/${change.field}`, event);
      if (change.type === 'goal_proposed') this.proposers.set(goalId, entry.participantId);
      if (change.type === 'comment_added') this.commentAuthors.set(change.commentId, entry.participantId);
    });
  }

  /** Extends the open wording event of this field if the same person continues typing; true if it did. */
  private coalesce(
    goalId: string,
    change: Extract<GoalChange, { type: 'wording_changed' }>,
    entry: StoredUpdate,
    goalTitle: string,
  ): boolean {
    const open = this.openWording.get(`${goalId}/${change.field}`);
    if (open?.change.type !== 'wording_changed') return false;
    if (open.participantId !== entry.participantId || entry.at - open.at > ACTIVITY_COALESCE_MS) return false;
    // Nobody else changed this field since (their edit would be the open event): `before` still holds.
    open.change = { ...open.change, after: change.after };
    open.at = entry.at;
    open.goalTitle = goalTitle;
    return true;
  }
}
