import type { Role } from '@common-ground/shared/api';

/** What the retention sweep reads and notes (see retention/policy.ts): inactive people and idle boards. */
export interface RetentionStore {
  /**
   * Participants of every board whose data is not erased yet and whose last activity — their last visit, or when
   * they joined if they never left the board after it — lies before `activeBefore`; of one board, if given.
   */
  listInactive(activeBefore: number, boardId?: string): Promise<InactiveParticipant[]>;
  /** When the board document last changed (its creation, if never); null for no such board. */
  lastChange(boardId: string): Promise<number | null>;
  /** Notes that the participant was told (by mail and on the facilitators' list) that their data will go. */
  markWarned(participantId: string, at: number): Promise<void>;
  /** Boards whose board document last changed before `changedBefore` (never changed: its creation counts). */
  listIdleBoards(changedBefore: number): Promise<IdleBoard[]>;
}

export interface InactiveParticipant {
  readonly participantId: string;
  readonly boardId: string;
  readonly role: Role;
  readonly lastActiveAt: number;
  /** When they were last warned; null = never. */
  readonly warnedAt: number | null;
}

export interface IdleBoard {
  readonly boardId: string;
  readonly lastChangeAt: number;
}
