// No zod here: the landing page reads an archive's header with this before it loads the API client.

/** A board archive file says what it is and in which version (docs/api.md, "Board archive"). */
export const BOARD_ARCHIVE_FORMAT = 'common-ground-board-archive';
export const BOARD_ARCHIVE_VERSION = 1;

/** A facilitator named in an archive, offered to the importer before the upload. */
export interface ArchiveFacilitator {
  readonly id: string;
  readonly name: string;
}

/** What a device reads from an archive file before sending it: enough to ask "who are you?", nothing verified. */
export interface ArchivePreview {
  readonly boardId: string;
  readonly title: string;
  readonly exportedAt: number;
  readonly source: string;
  readonly facilitators: readonly ArchiveFacilitator[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads an archive's header and its current facilitators (not removed, not erased), by hand so that the landing
 * page needs no schema library for it. Null if it is no archive of a version this code knows; the server
 * verifies everything else.
 */
export function previewArchive(value: unknown): ArchivePreview | null {
  if (!isRecord(value) || value.format !== BOARD_ARCHIVE_FORMAT || value.version !== BOARD_ARCHIVE_VERSION) {
    return null;
  }
  const { boardId, exportedAt, source, sections } = value;
  if (typeof boardId !== 'string' || typeof exportedAt !== 'number' || typeof source !== 'string')
    return null;
  if (!isRecord(sections) || !isRecord(sections.tables)) return null;
  const { boards, participants } = sections.tables;
  if (!Array.isArray(boards) || !Array.isArray(participants)) return null;
  const board: unknown = boards[0];
  if (!isRecord(board) || typeof board.title !== 'string') return null;
  const facilitators = participants.flatMap((p: unknown): ArchiveFacilitator[] =>
    isRecord(p) &&
    p.role === 'facilitator' &&
    p.removed_at === null &&
    p.erased_at === null &&
    typeof p.id === 'string' &&
    typeof p.name === 'string'
      ? [{ id: p.id, name: p.name }]
      : [],
  );
  return { boardId, title: board.title, exportedAt, source, facilitators };
}
