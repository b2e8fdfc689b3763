import { z } from 'zod';
import { IdSchema } from './entities';

/**
 * GET /api/boards/:boardId/retention (facilitator): the operator's retention periods as they apply to this board.
 * People who were warned that their data will be erased for inactivity (a visit before that date keeps it), and
 * since when the board has been idle, if it has.
 */
export const RetentionStatusResponse = z.object({
  policy: z.object({
    /** 0: nobody's data is erased for inactivity. */
    inactiveMonths: z.number().int().min(0),
    warningDays: z.number().int().min(1),
    /** 0: boards are never flagged as idle. */
    boardIdleMonths: z.number().int().min(0),
  }),
  erasures: z.array(z.object({ participantId: IdSchema, erasesAt: z.number().int() })),
  /** When the board became idle (its last change plus the idle period); null while it is not. */
  idleSince: z.number().int().nullable(),
});
export type RetentionStatusResponse = z.infer<typeof RetentionStatusResponse>;
