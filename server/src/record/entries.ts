import { toMeeting } from '../calendar/projection';
import { networkEntries } from '../network/projection';
import { membershipEntries, type RecordEntries } from '../rooms/record';
import { roundEntries } from '../rounds/projection';
import type { Storage } from '../storage/types';

/**
 * Everything the record document holds, as storage has it now: written on every load, so the record catches up
 * with storage even if a write after a change failed (unchanged entries produce no update).
 */
export async function recordEntries(storage: Storage, boardId: string): Promise<RecordEntries> {
  const [
    membership,
    rounds,
    network,
    amendments,
    attributions,
    hiddenComments,
    meetings,
    finalMinutes,
    lifecycle,
  ] = await Promise.all([
    membershipEntries(storage, boardId),
    roundEntries(storage, boardId),
    networkEntries(storage, boardId),
    storage.amendments.listAmendments(boardId),
    storage.attributions.listAttributions(boardId),
    storage.moderation.listHiddenComments(boardId),
    storage.meetings.listMeetings(boardId),
    storage.minutes.listFinal(boardId),
    storage.lifecycle.getLifecycle(boardId),
  ]);
  return {
    ...membership,
    ...rounds,
    ...network,
    amendments,
    attributions,
    // The whole set: a comment shown again while no record was loaded leaves it on the next load.
    hiddenComments,
    meetings: meetings.map(toMeeting),
    finalMinutes,
    // Null takes an old entry out: a board unarchived while no record was loaded is active on the next load.
    lifecycle,
  };
}
