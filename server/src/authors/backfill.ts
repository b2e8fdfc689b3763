import { type Attribution, commentHash } from '@common-ground/shared/schema';
import type { DocEvent } from '../activity/replay';

/**
 * Attributions for what a board's log created before the server recorded them: the first proposal of each goal
 * and the first addition of each comment id, in log order, by the participant whose socket sent it. Events of the
 * server (no participant) attribute nothing.
 */
export function attributionsFromEvents(events: readonly DocEvent[]): Attribution[] {
  const found = new Map<string, Attribution>();
  for (const { change, goalId, participantId, startedAt } of events) {
    if (participantId === null) continue;
    if (change.type === 'goal_proposed' && !found.has(`goal:${goalId}`)) {
      found.set(`goal:${goalId}`, {
        kind: 'goal',
        id: goalId,
        goalId,
        participantId,
        at: startedAt,
        contentHash: null,
      });
    }
    if (change.type === 'comment_added' && !found.has(`comment:${change.commentId}`)) {
      found.set(`comment:${change.commentId}`, {
        kind: 'comment',
        id: change.commentId,
        goalId,
        participantId,
        at: startedAt,
        contentHash: commentHash(change.text),
      });
    }
  }
  return [...found.values()];
}
