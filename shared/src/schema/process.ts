import type * as Y from 'yjs';
import { z } from 'zod';
import { IdSchema } from '../api/entities';
import { jsonEqual } from '../rules/equal';
import { SERVER_ORIGIN } from './origins';

/**
 * The board's process path along the five principles of cooperation: take stock of the network, collect
 * proposals, negotiate in rounds, agree, review. The facilitator moves through it (back and forth: the tool never
 * blocks a move); the server writes it into the record document's `process` map, so everyone sees it live.
 */
export const PROCESS_PHASES = ['inventory', 'collect', 'negotiate', 'agree', 'review'] as const;
export const ProcessPhaseSchema = z.enum(PROCESS_PHASES);
export type ProcessPhase = z.infer<typeof ProcessPhaseSchema>;

/** One move of the path: the phase entered, when, and by which facilitator. */
export const PhaseTransitionSchema = z.object({
  phase: ProcessPhaseSchema,
  at: z.number().int().nonnegative(),
  by: IdSchema,
});
export type PhaseTransition = z.infer<typeof PhaseTransitionSchema>;

export interface ProcessState {
  /** `inventory` until the facilitator first moves the board. */
  readonly phase: ProcessPhase;
  /** Every move, oldest first; empty while the board is still in its first phase. */
  readonly history: readonly PhaseTransition[];
}

export const INITIAL_PROCESS: ProcessState = { phase: 'inventory', history: [] };

const processMap = (doc: Y.Doc) => doc.getMap<unknown>('process');

/** Each field is validated on its own; a malformed field reads as the initial state's. */
export function readProcess(doc: Y.Doc): ProcessState {
  const map = processMap(doc);
  const phase = ProcessPhaseSchema.safeParse(map.get('phase'));
  const history = z.array(PhaseTransitionSchema).safeParse(map.get('history') ?? []);
  return {
    phase: phase.success ? phase.data : INITIAL_PROCESS.phase,
    history: history.success ? history.data : [],
  };
}

/** When the current phase was entered; null for the first phase before any move. */
export const phaseEnteredAt = (state: ProcessState): number | null => state.history.at(-1)?.at ?? null;

/** Server side: writes only the fields that changed, in one transaction. */
export function writeProcess(doc: Y.Doc, next: ProcessState): void {
  const map = processMap(doc);
  doc.transact(() => {
    if (map.get('phase') !== next.phase) map.set('phase', next.phase);
    const history = next.history.map((t) => ({ ...t }));
    if (!jsonEqual(map.get('history') ?? [], history)) map.set('history', history);
  }, SERVER_ORIGIN);
}
