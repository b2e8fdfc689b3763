import {
  type MinutesContent,
  MinutesContentSchema,
  MinutesGuestSchema,
  NextStepSchema,
} from '@common-ground/shared/api';
import { z } from 'zod';
import { EMPTY_MINUTES_DRAFT, type MinutesDraft, type MinutesRecord } from './parts/minutes';

export const MINUTES_COLUMNS = 'meeting_id, board_id, version, draft_json, final_json, updated_at';

/** A meeting_minutes row; the JSON columns are text in SQLite and JSONB (parsed) in PostgreSQL. */
export interface MinutesRow {
  readonly meeting_id: string;
  readonly board_id: string;
  readonly version: number;
  readonly draft_json: unknown;
  readonly final_json: unknown;
  readonly updated_at: number;
}

export interface MinutesCommentRow {
  readonly id: string;
  readonly participant_id: string;
  readonly text: string;
  readonly created_at: number;
}

const DraftSchema = z.object({
  attendance: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }),
  guests: z.array(MinutesGuestSchema),
  nextSteps: z.array(NextStepSchema),
  notes: z.string().nullable(),
});

const parsed = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

/** A stored draft that does not parse (written by a future version) reads as empty rather than failing the board. */
function draftOf(value: unknown): MinutesDraft {
  const result = DraftSchema.safeParse(parsed(value));
  return result.success ? result.data : EMPTY_MINUTES_DRAFT;
}

export function finalOf(value: unknown): MinutesContent | null {
  if (value === null || value === undefined) return null;
  // Frozen content that no longer parses is a fault to see, not to hide: it is the record.
  return MinutesContentSchema.parse(parsed(value));
}

export const minutesOf = (r: MinutesRow): MinutesRecord => ({
  meetingId: r.meeting_id,
  boardId: r.board_id,
  version: Number(r.version),
  draft: draftOf(r.draft_json),
  final: finalOf(r.final_json),
  updatedAt: Number(r.updated_at),
});

export const commentOf = (r: MinutesCommentRow) => ({
  id: r.id,
  participantId: r.participant_id,
  text: r.text,
  at: Number(r.created_at),
});

/** Why a write of the draft (or the finalising) at `expectedVersion` must not happen; null if it may. */
export function refusalOf(
  current: Pick<MinutesRow, 'version' | 'final_json'> | undefined,
  expectedVersion: number,
): 'conflict' | 'final' | null {
  if (current && current.final_json !== null) return 'final';
  if ((current ? Number(current.version) : 0) !== expectedVersion) return 'conflict';
  return null;
}
