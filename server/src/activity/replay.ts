import { continuesRun } from '@common-ground/shared/rules';
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
  /** The following three move forward while further edits join this contribution (`continuesRun`). */
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
  /** Per person and field of a goal, its latest field event: the only one a further edit of theirs may extend. */
  private readonly openFields = new Map<string, DocEvent>();
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
      const field = fieldOf(goalId, change);
      if (field !== null && this.extend(field, change, entry, goalTitle)) return;
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
      if (field !== null) this.openFields.set(openKey(entry.participantId, field), event);
      if (change.type === 'goal_proposed') this.proposers.set(goalId, entry.participantId);
      if (change.type === 'comment_added') this.commentAuthors.set(change.commentId, entry.participantId);
    });
  }

  /** Extends this person's open event of the field if the edit continues that contribution; true if it did. */
  private extend(field: string, change: GoalChange, entry: StoredUpdate, goalTitle: string): boolean {
    const open = this.openFields.get(openKey(entry.participantId, field));
    if (!open) return false;
    const run = { participantId: open.participantId, field, startedAt: open.startedAt, at: open.at };
    if (!continuesRun(run, { participantId: entry.participantId, field, at: entry.at })) return false;
    const extended = joined(open.change, change);
    if (!extended) return false;
    open.change = extended;
    open.at = entry.at;
    open.goalTitle = goalTitle;
    return true;
  }
}

/** The field of a goal a change edits, as a contribution's key; null for proposals, moves, removals, comments. */
function fieldOf(goalId: string, change: GoalChange): string | null {
  switch (change.type) {
    case 'wording_changed':
      return `${goalId}/${change.field}`;
    case 'lead_changed':
      return `${goalId}/lead`;
    case 'commitment_changed':
      return `${goalId}/commitment/${change.commitmentPartnerId}`;
    case 'review_date_changed':
      return `${goalId}/reviewDate`;
    default:
      return null;
  }
}

/** A field holding a chosen value (a partner, a commitment, a date), perhaps re-chosen a few times in a row. */
type ValueChange = Extract<
  GoalChange,
  { type: 'lead_changed' | 'commitment_changed' | 'review_date_changed' }
>;
const isValueChange = (change: GoalChange): change is ValueChange =>
  change.type === 'lead_changed' ||
  change.type === 'commitment_changed' ||
  change.type === 'review_date_changed';

/**
 * The open contribution's change extended by the next edit of the same field: `before` stays what the field held
 * before the contribution's first edit; `after` is the field after the latest one, with what others typed
 * meanwhile. Null if the two are not changes of the same kind.
 */
function joined(open: GoalChange, next: GoalChange): GoalChange | null {
  if (open.type === 'wording_changed')
    return next.type === 'wording_changed' ? { ...open, after: next.after } : null;
  return open.type === next.type && isValueChange(open) && isValueChange(next)
    ? { ...open, after: next.after }
    : null;
}

const openKey = (participantId: string | null, field: string) => `${participantId ?? ''}\u0000${field}`;
