import type { DeviceLinkResponse } from '@common-ground/shared/api';
import type { Storage } from '../storage/types';
import { issueDeviceLink } from './deviceLinks';

export interface Recovery {
  readonly boardTitle: string;
  readonly name: string;
  readonly link: DeviceLinkResponse;
}

/**
 * For a board whose only facilitator lost their device: a one-time re-entry link for the board's longest-standing
 * facilitator (or `participantId`, who must be one). Like a facilitator's re-entry link it ends that person's
 * devices at once; sockets they still hold on a running server end at their next reconnect.
 */
export async function recoverFacilitator(
  storage: Pick<Storage, 'accounts' | 'people'>,
  input: { boardId: string; origin: string; now: number; participantId?: string },
): Promise<Recovery> {
  const board = await storage.accounts.getBoard(input.boardId);
  if (!board) throw new Error(`No board ${input.boardId}`);
  const facilitators = (await storage.people.listPeople(board.id)).filter(
    (p) => p.removedAt === null && p.participant.role === 'facilitator',
  );
  const chosen = input.participantId
    ? facilitators.find((p) => p.participant.id === input.participantId)
    : facilitators[0];
  if (!chosen) throw new Error(`Board ${board.id} has no such facilitator`);
  const link = await issueDeviceLink(storage, {
    boardId: board.id,
    participantId: chosen.participant.id,
    kind: 'reentry',
    createdBy: null,
    origin: input.origin,
    now: input.now,
  });
  if (!link) throw new Error(`Board ${board.id} has no such facilitator`);
  return { boardTitle: board.title, name: chosen.participant.name, link };
}
