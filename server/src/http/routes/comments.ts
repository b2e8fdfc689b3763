import { CommentVisibilityResponse, IdSchema } from '@common-ground/shared/api';
import { readComments, readGoalById, writeRecordEntries } from '@common-ground/shared/schema';
import { boardDocKey } from '../../rooms/docKeys';
import { authenticateForBoard } from '../auth';
import type { AppDeps } from '../deps';
import { HttpError } from '../respond';
import { type Router, route } from '../router';

/** A goal or comment id from the path; one that cannot be an id is a malformed request, not an unknown item. */
function idOf(params: Readonly<Record<string, string>>, name: 'goalId' | 'commentId'): string {
  const id = params[name] ?? '';
  if (!IdSchema.safeParse(id).success) throw new HttpError(400, 'invalid_input', `Invalid input: ${name}`);
  return id;
}

const COMMENT_VISIBILITY = {
  hide: route('POST', '/api/boards/:boardId/goals/:goalId/comments/:commentId/hide', {
    summary: 'Hide an abusive comment (it stays in the record, shown as hidden)',
    auth: 'facilitator',
    response: CommentVisibilityResponse,
    errors: [400],
  }),
  unhide: route('POST', '/api/boards/:boardId/goals/:goalId/comments/:commentId/unhide', {
    summary: 'Show a hidden comment again',
    auth: 'facilitator',
    response: CommentVisibilityResponse,
    errors: [400],
  }),
};

/**
 * Moderation of comments: the facilitator hides an abusive comment or shows it again. The comment itself is never
 * changed — it stays in the board document and the update log, so the record of what was said stays true; the
 * record document's `hiddenComments` tells every client to show "hidden by …" instead of its text.
 */
export function registerCommentRoutes(
  router: Router,
  { storage, rooms, projector: records, config }: AppDeps,
): void {
  const projector = records.for('a comment hidden or shown');
  // The whole set from storage, read in turn: of a hide and an unhide racing, the record ends as storage did.
  const project = (boardId: string) =>
    projector.project(boardId, async () => {
      const hiddenComments = await storage.moderation.listHiddenComments(boardId);
      return (doc) => writeRecordEntries(doc, { hiddenComments });
    });

  for (const action of ['hide', 'unhide'] as const) {
    router.add(COMMENT_VISIBILITY[action], async ({ req, params, send }) => {
      const boardId = params.boardId ?? '';
      const me = await authenticateForBoard(req, storage, boardId);
      // The role first: anyone else learns nothing about which goals and comments exist.
      if (me.role !== 'facilitator') {
        throw new HttpError(403, 'forbidden', 'Only the facilitator can hide or show comments');
      }
      const goalId = idOf(params, 'goalId');
      const commentId = idOf(params, 'commentId');
      await requireComment(rooms, boardId, goalId, commentId);
      const at = config.now();
      let hidden: CommentVisibilityResponse['hidden'] = null;
      if (action === 'hide') {
        const stored = await storage.moderation.hideComment({ boardId, goalId, commentId, by: me.id, at });
        hidden = { by: stored.by, at: stored.at };
      } else {
        await storage.moderation.unhideComment(boardId, commentId, me.id, at);
      }
      await project(boardId);
      send({ goalId, commentId, hidden });
    });
  }
}

/** 404 unless the board document has the goal and, under it, the comment. */
async function requireComment(
  rooms: AppDeps['rooms'],
  boardId: string,
  goalId: string,
  commentId: string,
): Promise<void> {
  const found = await rooms.read(boardDocKey(boardId), (doc) => {
    if (!readGoalById(doc, goalId)) return 'goal';
    return readComments(doc, goalId).some((comment) => comment.id === commentId) ? null : 'comment';
  });
  if (found === 'goal') throw new HttpError(404, 'not_found', 'No such goal on this board');
  if (found === 'comment') throw new HttpError(404, 'not_found', 'No such comment under this goal');
}
