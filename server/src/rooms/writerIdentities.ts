import type { Logger } from '../log';
import type { AccountStore, AttributionStore } from '../storage/types';
import type { WriterIdentity } from './writePermissions';

/**
 * Who may write what on each board, known synchronously: the write hook runs inside the writer's server
 * transaction and cannot wait for storage. Per board, participant id → role and confirmed organisation, read
 * when the board document loads and read again whenever the board's record document changes (every change of
 * roles, confirmations, joins and removals, and every recorded author, rewrites it, on this instance or — relayed — on another). A re-read
 * keeps the previous entries until it returns: the window is the few milliseconds after storage committed.
 * We chose this over a TTL: a TTL either re-reads on every write or leaves a demotion in force for its length.
 */
export class WriterIdentities {
  private readonly boards = new Map<string, ReadonlyMap<string, WriterIdentity>>();
  /** Per board, goal id → the participant the server recorded as its author (authors/recorder.ts). */
  private readonly proposers = new Map<string, ReadonlyMap<string, string>>();
  /** Reads started per board: only the latest one's result is installed, it saw every change before it. */
  private readonly reads = new Map<string, number>();

  constructor(
    private readonly accounts: Pick<AccountStore, 'listParticipants'>,
    private readonly log: Logger,
    /** Without it, no goal has a known proposer: only facilitators withdraw goals. */
    private readonly attributions?: Pick<AttributionStore, 'listAttributions'>,
  ) {}

  /** The writer as last read; undefined if the board or the participant was not known then. */
  get(boardId: string, participantId: string): WriterIdentity | undefined {
    return this.boards.get(boardId)?.get(participantId);
  }

  /** The participant recorded as the goal's author when last read; undefined if none was recorded then. */
  proposerOf(boardId: string, goalId: string): string | undefined {
    return this.proposers.get(boardId)?.get(goalId);
  }

  /** Reads the board's participants; the result is installed unless a later read started meanwhile. */
  async load(boardId: string): Promise<void> {
    const read = (this.reads.get(boardId) ?? 0) + 1;
    this.reads.set(boardId, read);
    const [people, attributions] = await Promise.all([
      this.accounts.listParticipants(boardId),
      this.attributions?.listAttributions(boardId) ?? [],
    ]);
    if (this.reads.get(boardId) !== read) return;
    const proposers = new Map<string, string>();
    for (const item of attributions) if (item.kind === 'goal') proposers.set(item.id, item.participantId);
    this.proposers.set(boardId, proposers);
    const identities = new Map<string, WriterIdentity>();
    for (const person of people) {
      // A removed person's tokens ended with the removal: whatever reaches us under that id writes nothing.
      if (person.removed) continue;
      identities.set(person.id, { role: person.role, partnerId: person.partnerId });
    }
    this.boards.set(boardId, identities);
  }

  /** The board's people changed: re-read, for a board known here (one never loaded is read on load). */
  refresh(boardId: string): void {
    if (!this.boards.has(boardId)) return;
    this.load(boardId).catch((error: unknown) => {
      this.log.error('participants not re-read for write permissions', { boardId, error });
    });
  }
}
