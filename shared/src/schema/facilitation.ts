import type * as Y from 'yjs';
import { z } from 'zod';
import { IdSchema } from '../api/entities';
import { jsonEqual } from '../rules/equal';
import { SERVER_ORIGIN } from './origins';

/**
 * The facilitator's session state (focus, timebox timer, agenda), written by the server into the record
 * document's `facilitation` map: only the facilitator may change it (the server enforces that through
 * `PUT /api/boards/:id/facilitation`), and every client — projector, phones — receives it live and offline.
 */
export const FacilitationTimerSchema = z.object({
  /** Server time (ms) at which the current run started; counting down from `durationMs`. */
  startedAt: z.number().int().nonnegative(),
  durationMs: z.number().int().nonnegative(),
  /** Remaining ms while paused; null while running. */
  pausedRemainingMs: z.number().int().nonnegative().nullable(),
});
export type FacilitationTimer = z.infer<typeof FacilitationTimerSchema>;

export const AgendaItemSchema = z.object({ goalId: IdSchema, done: z.boolean() });
export type AgendaItem = z.infer<typeof AgendaItemSchema>;

export interface FacilitationState {
  readonly focus: string | null;
  readonly timer: FacilitationTimer | null;
  readonly agenda: readonly AgendaItem[];
}

export const EMPTY_FACILITATION: FacilitationState = { focus: null, timer: null, agenda: [] };

const facilitationMap = (doc: Y.Doc) => doc.getMap<unknown>('facilitation');

/** Each field is validated on its own, so one malformed entry never hides the others. */
export function readFacilitation(doc: Y.Doc): FacilitationState {
  const map = facilitationMap(doc);
  const focus = IdSchema.nullable().safeParse(map.get('focus') ?? null);
  const timer = FacilitationTimerSchema.nullable().safeParse(map.get('timer') ?? null);
  const agenda = z.array(AgendaItemSchema).safeParse(map.get('agenda') ?? []);
  return {
    focus: focus.success ? focus.data : null,
    timer: timer.success ? timer.data : null,
    agenda: agenda.success ? agenda.data : [],
  };
}

/** Server side: writes only the fields that changed, in one transaction. */
export function writeFacilitation(doc: Y.Doc, next: FacilitationState): void {
  const map = facilitationMap(doc);
  doc.transact(() => {
    const entries: [string, unknown][] = [
      ['focus', next.focus],
      ['timer', next.timer === null ? null : { ...next.timer }],
      ['agenda', next.agenda.map((item) => ({ ...item }))],
    ];
    for (const [key, value] of entries) {
      if (!jsonEqual(map.get(key) ?? null, value)) map.set(key, value);
    }
  }, SERVER_ORIGIN);
}

/** Milliseconds left on the timer at `now` (server time); never negative. */
export function timerRemaining(timer: FacilitationTimer, now: number): number {
  if (timer.pausedRemainingMs !== null) return timer.pausedRemainingMs;
  return Math.max(0, timer.startedAt + timer.durationMs - now);
}
