import type { FacilitationRequest, FacilitationResponse } from '@common-ground/shared/api';
import { readFacilitation, readGoalById, writeFacilitation } from '@common-ground/shared/schema';
import { forbidden, notFound } from '../refusal';
import { boardDocKey, recordDocKey } from '../rooms/docKeys';
import type { RoomRegistry } from '../rooms/registry';
import type { ParticipantRecord } from '../storage/types';
import { applyRequest, namedGoals } from './transitions';

export interface FacilitationDeps {
  readonly rooms: RoomRegistry;
  readonly now: () => number;
}

/**
 * Focus, timer and agenda: authoritative on the server, kept in the record document (which only the server
 * writes and which is persisted through the update log, so the state survives reloads and restarts).
 * Each change reads and writes the state in one synchronous Yjs transaction, so two requests never interleave
 * between read and write.
 */
export class FacilitationService {
  constructor(private readonly deps: FacilitationDeps) {}

  async read(boardId: string): Promise<FacilitationResponse> {
    const state = await this.deps.rooms.read(recordDocKey(boardId), readFacilitation);
    return { ...state, agenda: [...state.agenda], serverNow: this.deps.now() };
  }

  async change(
    boardId: string,
    actor: ParticipantRecord,
    request: FacilitationRequest,
  ): Promise<FacilitationResponse> {
    if (actor.role !== 'facilitator') throw forbidden('Only the facilitator leads the session');
    const goalIds = namedGoals(request);
    if (goalIds.length > 0) {
      const missing = await this.deps.rooms.read(boardDocKey(boardId), (doc) =>
        goalIds.find((goalId) => readGoalById(doc, goalId) === null),
      );
      if (missing !== undefined) throw notFound(`No such goal on this board: ${missing}`);
    }
    const now = this.deps.now();
    await this.deps.rooms.mutate(recordDocKey(boardId), (doc) => {
      writeFacilitation(doc, applyRequest(readFacilitation(doc), request, now));
    });
    return this.read(boardId);
  }
}
