import type { Logger } from '../log';
import type { AccountStore } from '../storage/types';
import type { WriterIdentity } from './writePermissions';

/**
 * Who may write what on each board, known synchronously: the write hook runs inside the writer's server
 * transaction and cannot wait for storage. Per board, participant id → role and confirmed organisation, read
 * when the board document loads and read again whenever the board's record document changes (every change of
 * roles, confirmations, joins and removals rewrites it, on this instance or — relayed — on another). A re-read
 * keeps the previous entries until it returns: the window is the few milliseconds after storage committed.
 * We chose this over a TTL: a TTL either re-reads on every write or leaves a demotion in force for its length.
 */
export class WriterIdentities {
  private readonly boards = new Map<string, ReadonlyMap<string, WriterIdentity>>();
  /** Reads started per board: only the latest one's result is installed, it saw every change before it. */
  private readonly reads = new Map<string, number>();

  constructor(
    private readonly accounts: Pick<AccountStore, 'listParticipants'>,
    private readonly log: Logger,
  ) {}

  /** The writer as last read; undefined if the board or the participant was not known then. */
  get(boardId: string, participantId: string): WriterIdentity | undefined {
    return this.boards.get(boardId)?.get(participantId);
  }

  /** Reads the board's participants; the result is installed unless a later read started meanwhile. */
  async load(boardId: string): Promise<void> {
    const read = (this.reads.get(boardId) ?? 0) + 1;
    this.reads.set(boardId, read);
    const people = await this.accounts.listParticipants(boardId);
    if (this.reads.get(boardId) !== read) return;
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
