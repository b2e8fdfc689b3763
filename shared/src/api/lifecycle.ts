import { z } from 'zod';
import { IdSchema } from './entities';

/**
 * A board's lifecycle: archived (read-only for everyone, still readable and exportable) and/or waiting for its
 * deletion (read-only too, undoable until `deleteAfter`, then removed with everything stored about it). The
 * server keeps it in its tables and mirrors it into the record document, so every device shows it live.
 */
export const BoardLifecycleSchema = z.object({
  /** When the facilitator archived the board; null = not archived. */
  archivedAt: z.number().int().nonnegative().nullable(),
  archivedBy: IdSchema.nullable(),
  /** When the facilitator asked for the deletion; null = no deletion pending. */
  deletionRequestedAt: z.number().int().nonnegative().nullable(),
  deletionRequestedBy: IdSchema.nullable(),
  /** From this moment the board is removed for good; until then the deletion can be undone. */
  deleteAfter: z.number().int().nonnegative().nullable(),
});
export type BoardLifecycle = z.infer<typeof BoardLifecycleSchema>;

export const ACTIVE_LIFECYCLE: BoardLifecycle = {
  archivedAt: null,
  archivedBy: null,
  deletionRequestedAt: null,
  deletionRequestedBy: null,
  deleteAfter: null,
};

/** Archived or waiting for deletion: nobody changes the board any more (reads, exports and erasure stay). */
export const isReadOnlyLifecycle = (lifecycle: BoardLifecycle | null): boolean =>
  lifecycle !== null && (lifecycle.archivedAt !== null || lifecycle.deleteAfter !== null);

/** What every lifecycle route answers: the board's state (after the change), and the days a deletion waits. */
export const BoardLifecycleResponse = z.object({
  lifecycle: BoardLifecycleSchema,
  /** BOARD_DELETION_GRACE_DAYS: the confirmation says how long the deletion can be undone. */
  deletionGraceDays: z.number().int().nonnegative(),
});
export type BoardLifecycleResponse = z.infer<typeof BoardLifecycleResponse>;

/** The default time to undo a deletion (BOARD_DELETION_GRACE_DAYS). */
export const DEFAULT_DELETION_GRACE_DAYS = 30;
