import { z } from 'zod';
import { IdSchema } from './entities';
import { BoardIdSchema } from './http';

export const AMENDMENT_STATUSES = ['proposed', 'adopted', 'dismissed'] as const;
export const AmendmentStatusSchema = z.enum(AMENDMENT_STATUSES);
export type AmendmentStatus = z.infer<typeof AmendmentStatusSchema>;

/**
 * A proposed amendment: an edit of a goal's title or description that the server refused because a consensus
 * round had the wording locked. Kept instead of lost, so the facilitator can adopt it once the round is over.
 * `title` / `description` are the texts the writer's edit produced; null = that field was left as it was.
 */
export const AmendmentSchema = z.object({
  id: IdSchema,
  boardId: BoardIdSchema,
  goalId: IdSchema,
  /** The open round whose lock refused the edit. */
  roundId: IdSchema,
  /** The participant whose connection sent the edit (never a field of the edit). */
  authorId: IdSchema,
  title: z.string().nullable(),
  description: z.string().nullable(),
  /** When the (latest) refused edit arrived: one author's edits during one round make one amendment. */
  proposedAt: z.number().int().positive(),
  status: AmendmentStatusSchema,
  /** The facilitator who adopted or dismissed it, and when; null while proposed. */
  resolvedBy: IdSchema.nullable(),
  resolvedAt: z.number().int().positive().nullable(),
});
export type Amendment = z.infer<typeof AmendmentSchema>;

/** GET /api/boards/:boardId/amendments */
export const AmendmentsResponse = z.object({ amendments: z.array(AmendmentSchema) });
export type AmendmentsResponse = z.infer<typeof AmendmentsResponse>;
