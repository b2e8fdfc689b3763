import { z } from 'zod';
import { IdSchema } from './entities';

/**
 * A comment the facilitator hid: the comment itself stays in the board document and the update log (what was said
 * stays on record); every client shows "hidden by <facilitator>" instead of its text. `by` is the facilitator's
 * participant id, `at` epoch ms.
 */
export const HiddenCommentSchema = z.object({ by: IdSchema, at: z.number().int().nonnegative() });
export type HiddenComment = z.infer<typeof HiddenCommentSchema>;

/** POST /api/boards/:boardId/goals/:goalId/comments/:commentId/hide and …/unhide */
export const CommentVisibilityResponse = z.object({
  goalId: IdSchema,
  commentId: IdSchema,
  /** null once shown again. */
  hidden: HiddenCommentSchema.nullable(),
});
export type CommentVisibilityResponse = z.infer<typeof CommentVisibilityResponse>;
