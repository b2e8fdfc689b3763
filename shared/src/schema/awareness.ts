import { z } from 'zod';
import { IdSchema } from '../api/entities';

/**
 * A client's awareness state. Only the participant id identifies the person: names and colours are looked up in
 * the server-written record, and the server refuses states that claim another participant.
 */
export const AwarenessStateSchema = z.object({
  participantId: IdSchema,
  /** The goal whose text this person is editing, if any. */
  editing: z
    .object({ goalId: IdSchema, field: z.enum(['title', 'description']) })
    .nullable()
    .optional(),
});
export type AwarenessState = z.infer<typeof AwarenessStateSchema>;
