import { z } from 'zod';
import { PhaseTransitionSchema, ProcessPhaseSchema } from '../schema/process';
import { PartnerKindSchema } from './entities';
import { BoardIdSchema } from './http';
import { ExportLanguageSchema } from './language';
import { RoundOutcomeSchema } from './rounds';

/** PUT /api/boards/:boardId/process (facilitator only): the phase to move to, forwards or back. */
export const ProcessRequest = z.strictObject({ phase: ProcessPhaseSchema });
export type ProcessRequest = z.infer<typeof ProcessRequest>;

/** The path as it stands, and `GET …/process` for any participant. */
export const ProcessResponse = z.object({
  phase: ProcessPhaseSchema,
  history: z.array(PhaseTransitionSchema),
  /** When the board was created: the first phase's start while no move was made. */
  boardCreatedAt: z.number().int().nonnegative(),
});
export type ProcessResponse = z.infer<typeof ProcessResponse>;

/** The six lines of the health check: the five principles of cooperation, plus legitimation and power. */
export const HEALTH_PRINCIPLES = [
  'network',
  'transparency',
  'structures',
  'goals',
  'organisation',
  'legitimation',
] as const;
export const HealthPrincipleSchema = z.enum(HEALTH_PRINCIPLES);
export type HealthPrinciple = z.infer<typeof HealthPrincipleSchema>;

export const HEALTH_FIGURES = [
  'profiles',
  'residents',
  'unseen',
  'openObjections',
  'structured',
  'agreed',
  'roundsPerAgreed',
  'amended',
  'meetings',
  'sinceLastMeeting',
  'kindBalance',
  'noStance',
] as const;
export const HealthFigureIdSchema = z.enum(HEALTH_FIGURES);
export type HealthFigureId = z.infer<typeof HealthFigureIdSchema>;

/** A kind of partner's share of all attributed contributions, beside the share its number of partners suggests. */
export const KindShareSchema = z.object({
  kind: PartnerKindSchema,
  partners: z.number().int().min(1),
  /** Contributions of this kind's partners (of the figure's `count`): the number behind `share`. */
  count: z.number().int().min(0),
  share: z.number().min(0).max(1),
  equalShare: z.number().min(0).max(1),
  /**
   * Heard much less: fewer than half the contributions its equal share would give, and enough counted to say so
   * (`voiceFindingSupported` in rules/health).
   */
  quiet: z.boolean(),
});
export type KindShare = z.infer<typeof KindShareSchema>;

/**
 * One figure behind a line: `count` of `of` (null = no denominator). `names` are partner names (alphabetical) or
 * goal titles (board order), depending on the figure; `at` a moment (the last meeting); `kinds` the voice balance.
 */
export const HealthFigureSchema = z.object({
  id: HealthFigureIdSchema,
  count: z.number().int().min(0),
  of: z.number().int().min(0).nullable(),
  names: z.array(z.string()),
  at: z.number().int().nullable(),
  kinds: z.array(KindShareSchema),
});
export type HealthFigure = z.infer<typeof HealthFigureSchema>;

export const HealthLineSchema = z.object({
  principle: HealthPrincipleSchema,
  /** A suggestion applies (not "all fine"): shown with a word and an icon, never as a score. */
  attention: z.boolean(),
  /** `<principle>.<case>`, e.g. `network.noResidents`; the UI turns it into a plain sentence. */
  suggestion: z.string(),
  figures: z.array(HealthFigureSchema),
});
export type HealthLine = z.infer<typeof HealthLineSchema>;

/** GET /api/boards/:boardId/health (any participant): the same for every caller. */
export const HealthResponse = z.object({
  generatedAt: z.number().int(),
  lines: z.array(HealthLineSchema),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

export const PROCESS_REPORT_FORMATS = ['json', 'md'] as const;
/** GET /api/boards/:boardId/process-report?format=json|md&lang=… (facilitator; json is the default). */
export const ProcessReportQuery = z.object({
  format: z.enum(PROCESS_REPORT_FORMATS).default('json'),
  lang: ExportLanguageSchema,
});

export const ReportRoundSchema = z.object({
  goalId: z.string(),
  goalTitle: z.string(),
  number: z.number().int().min(1),
  openedAt: z.number().int(),
  closedAt: z.number().int().nullable(),
  outcome: RoundOutcomeSchema.nullable(),
  eligible: z.number().int().min(0),
  responded: z.number().int().min(0),
});
export type ReportRound = z.infer<typeof ReportRoundSchema>;

/** The process as a short report, e.g. for a funder: phases with dates, rounds with outcomes, health. */
export const ProcessReportResponse = z.object({
  boardId: BoardIdSchema,
  title: z.string(),
  generatedAt: z.number().int(),
  boardCreatedAt: z.number().int(),
  phase: ProcessPhaseSchema,
  /** Each phase stay: entered at `from`, left at `to` (null = current). */
  phases: z.array(
    z.object({ phase: ProcessPhaseSchema, from: z.number().int(), to: z.number().int().nullable() }),
  ),
  partners: z.array(z.object({ name: z.string(), kind: PartnerKindSchema })),
  rounds: z.array(ReportRoundSchema),
  health: HealthResponse,
});
export type ProcessReportResponse = z.infer<typeof ProcessReportResponse>;
