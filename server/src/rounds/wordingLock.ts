import { canonicalText } from '@common-ground/shared/rules';
import { type GoalTextField, goalText, type RepairScope } from '@common-ground/shared/schema';
import type * as Y from 'yjs';
import type { Logger } from '../log';
import type { RoundStore, StoredRound } from '../storage/types';
import { restoreText } from './restoreText';

/** An open round's wording, frozen at its opening: while the round is open, the goal's texts stay this. */
interface FrozenWording {
  readonly roundId: string;
  readonly title: string;
  readonly description: string;
}

/**
 * An edit the lock set back: per field, the text the writer's edit produced (null = unchanged from the frozen
 * wording, ignoring what the wording hash ignores).
 */
export interface RefusedEdit {
  readonly boardId: string;
  readonly goalId: string;
  readonly roundId: string;
  readonly authorId: string;
  readonly title: string | null;
  readonly description: string | null;
}

const FIELDS: readonly GoalTextField[] = ['title', 'description'];

/**
 * While a round is open, its goal's title and description are locked: the board schema calls `enforce` inside
 * the server transaction right after a client's update applied, which sets the texts back to the frozen wording
 * in the writer's own batch, so nobody ever receives the changed wording and the round stays valid. That hook is
 * synchronous, so the open rounds' wordings are kept here per board: read when the board document loads (before
 * anyone joins), replaced whenever this instance opens or closes a round, and re-read when another instance
 * reports a round change. A board not read yet is not locked; the round service's invalidation covers that.
 */
export class WordingLocks {
  private readonly boards = new Map<string, ReadonlyMap<string, FrozenWording>>();
  /** Reads started per board: only the latest one's result is installed, it saw every change before it. */
  private readonly reads = new Map<string, number>();

  constructor(
    private readonly rounds: Pick<RoundStore, 'listOpenRounds'>,
    private readonly log: Logger,
    /** Keeps a refused edit (as a proposed amendment); runs after the writer's batch is on its way. */
    private readonly onRefused: (edit: RefusedEdit) => Promise<void>,
  ) {}

  /** Reads the board's open rounds; called when its document loads. */
  async load(boardId: string): Promise<void> {
    const read = (this.reads.get(boardId) ?? 0) + 1;
    this.reads.set(boardId, read);
    const open = await this.rounds.listOpenRounds(boardId);
    if (this.reads.get(boardId) !== read) return;
    this.boards.set(boardId, new Map(open.map((round) => [round.goalId, frozen(round)])));
  }

  /** A round opened on this instance: locked at once, then confirmed from storage. */
  opened(round: Pick<StoredRound, 'id' | 'boardId' | 'goalId' | 'wording'>): void {
    const current = this.boards.get(round.boardId);
    if (current) this.boards.set(round.boardId, new Map(current).set(round.goalId, frozen(round)));
    this.refresh(round.boardId);
  }

  /**
   * The board's rounds changed (closed here, or anything on another instance): re-read, for a board known here.
   * The lock of a closed round holds until the read returns; an edit meanwhile becomes an amendment.
   */
  refresh(boardId: string): void {
    if (!this.boards.has(boardId)) return;
    this.load(boardId).catch((error: unknown) => {
      this.log.error('open rounds not re-read for the wording lock', { boardId, error });
    });
  }

  /**
   * Inside the writer's server transaction: sets every locked goal the update touched back to its frozen wording
   * (minimal, grapheme-safe changes). Returns what keeps the refused edits, to run after the batch, or null.
   */
  enforce(boardId: string, doc: Y.Doc, scope: RepairScope, authorId: string): (() => Promise<void>) | null {
    const locked = this.boards.get(boardId);
    if (!locked || locked.size === 0) return null;
    const refused: RefusedEdit[] = [];
    for (const goalId of scope.goalIds) {
      const wording = locked.get(goalId);
      if (wording) {
        const edit = this.setBack(doc, goalId, wording);
        if (edit) refused.push({ boardId, goalId, roundId: wording.roundId, authorId, ...edit });
      }
    }
    if (refused.length === 0) return null;
    return async () => {
      for (const edit of refused) await this.onRefused(edit);
    };
  }

  /** The texts the edit produced where they differ in substance; null if the goal's wording was as frozen. */
  private setBack(
    doc: Y.Doc,
    goalId: string,
    wording: FrozenWording,
  ): Pick<RefusedEdit, 'title' | 'description'> | null {
    const proposal: { title: string | null; description: string | null } = { title: null, description: null };
    let substantial = false;
    for (const field of FIELDS) {
      // A removed goal has nothing to set back: the round service invalidates its round.
      const text = goalText(doc, goalId, field);
      if (!text) continue;
      const edited = text.toString();
      // Whitespace the wording hash ignores is set back too (the wording is locked), but proposes nothing.
      if (canonicalText(edited) !== canonicalText(wording[field])) {
        proposal[field] = edited;
        substantial = true;
      }
      restoreText(text, wording[field]);
    }
    return substantial ? proposal : null;
  }
}

const frozen = (round: Pick<StoredRound, 'id' | 'wording'>): FrozenWording => ({
  roundId: round.id,
  title: round.wording.title,
  description: round.wording.description,
});
