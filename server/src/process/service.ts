import type { ProcessResponse } from '@common-ground/shared/api';
import {
  type ProcessPhase,
  type ProcessState,
  readProcess,
  writeProcess,
} from '@common-ground/shared/schema';
import { recordDocKey } from '../rooms/docKeys';
import type { RoomRegistry } from '../rooms/registry';
import type { ParticipantRecord, Storage } from '../storage/types';

export interface ProcessDeps {
  readonly rooms: RoomRegistry;
  readonly storage: Pick<Storage, 'accounts'>;
  readonly now: () => number;
}

export class ProcessForbiddenError extends Error {
  constructor() {
    super('Only the facilitator moves the board along its path');
    this.name = 'ProcessForbiddenError';
  }
}

/** The path after moving to `phase` at `now`; moving to the current phase changes nothing. */
export function movedTo(state: ProcessState, phase: ProcessPhase, by: string, now: number): ProcessState {
  if (state.phase === phase) return state;
  return { phase, history: [...state.history, { phase, at: now, by }] };
}

/**
 * The process path: authoritative on the server, kept in the record document (written only by the server,
 * persisted through the update log), so every client sees the phase live and offline. Any move, forwards or
 * back, is allowed: the tool shows where the group stands, it never decides when the group may go on.
 */
export class ProcessService {
  constructor(private readonly deps: ProcessDeps) {}

  async read(boardId: string): Promise<ProcessResponse> {
    const [state, board] = await Promise.all([
      this.deps.rooms.read(recordDocKey(boardId), readProcess),
      this.deps.storage.accounts.getBoard(boardId),
    ]);
    return {
      phase: state.phase,
      history: state.history.map((t) => ({ ...t })),
      boardCreatedAt: board?.createdAt ?? 0,
    };
  }

  /** The read and the write are one synchronous Yjs transaction: two moves never interleave between them. */
  async move(boardId: string, actor: ParticipantRecord, phase: ProcessPhase): Promise<ProcessResponse> {
    if (actor.role !== 'facilitator') throw new ProcessForbiddenError();
    const now = this.deps.now();
    await this.deps.rooms.mutate(recordDocKey(boardId), (doc) => {
      writeProcess(doc, movedTo(readProcess(doc), phase, actor.id, now));
    });
    return this.read(boardId);
  }
}
