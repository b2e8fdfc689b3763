import { z } from 'zod';
import { AgendaItemSchema, FacilitationTimerSchema } from '../schema/facilitation';
import { IdSchema } from './entities';

export const MAX_TIMER_MS = 4 * 60 * 60 * 1000;
export const MAX_AGENDA_ITEMS = 200;

export const TimerActionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('start'), durationMs: z.number().int().min(1000).max(MAX_TIMER_MS) }),
  z.strictObject({ action: z.literal('pause') }),
  z.strictObject({ action: z.literal('resume') }),
  z.strictObject({ action: z.literal('addMinute') }),
  z.strictObject({ action: z.literal('reset') }),
]);
export type TimerAction = z.infer<typeof TimerActionSchema>;

/** `PUT /api/boards/:boardId/facilitation`: exactly one change per request (facilitator only). */
export const FacilitationRequest = z.union([
  z.strictObject({ focus: IdSchema.nullable() }),
  z.strictObject({ timer: TimerActionSchema }),
  z.strictObject({
    agenda: z
      .array(IdSchema)
      .max(MAX_AGENDA_ITEMS)
      .refine((ids) => new Set(ids).size === ids.length, 'each goal at most once'),
  }),
  z.strictObject({ agendaDone: z.strictObject({ goalId: IdSchema, done: z.boolean() }) }),
]);
export type FacilitationRequest = z.infer<typeof FacilitationRequest>;

/** The state after a change, and `GET …/facilitation`; `serverNow` lets clients correct their clock. */
export const FacilitationResponse = z.object({
  focus: IdSchema.nullable(),
  timer: FacilitationTimerSchema.nullable(),
  agenda: z.array(AgendaItemSchema),
  serverNow: z.number(),
});
export type FacilitationResponse = z.infer<typeof FacilitationResponse>;
