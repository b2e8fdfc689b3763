import { z } from 'zod';
import { IdSchema } from '../api/entities';

/**
 * A client's awareness state. Only the participant id identifies the person: names and colours are looked up in
 * the server-written record, and the server refuses states that claim another participant. Strict: every other
 * field is refused, so presence cannot carry junk that the server would fan out to everyone on the board.
 */
export const AwarenessStateSchema = z.strictObject({
  participantId: IdSchema,
  /** The goal whose text this person is editing, if any; only someone who may write can claim it. */
  editing: z
    .strictObject({ goalId: IdSchema, field: z.enum(['title', 'description']) })
    .nullable()
    .optional(),
});
export type AwarenessState = z.infer<typeof AwarenessStateSchema>;
