import { BoardIdSchema, IdSchema, RoleSchema } from '@common-ground/shared';
import { z } from 'zod';

/** What this device remembers about a board it joined: enough to reopen it without a new invitation. */
export const RememberedBoardSchema = z.object({
  boardId: BoardIdSchema,
  title: z.string(),
  participantId: IdSchema,
  token: z.string().min(1),
  role: RoleSchema,
  name: z.string(),
});
export type RememberedBoard = z.infer<typeof RememberedBoardSchema>;

const STORAGE_KEY = 'common-ground.boards';

/**
 * Parses stored JSON leniently: a corrupted store yields an empty list, and a single bad entry (hand-edited,
 * older version) is dropped without losing the others.
 */
export function parseRememberedBoards(raw: string | null): RememberedBoard[] {
  if (!raw) return [];
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  const boards: RememberedBoard[] = [];
  for (const item of data) {
    const parsed = RememberedBoardSchema.safeParse(item);
    if (parsed.success && !boards.some((b) => b.boardId === parsed.data.boardId)) boards.push(parsed.data);
  }
  return boards;
}

/** Adds or replaces the entry for the board, newest first. */
export function withBoard(boards: readonly RememberedBoard[], board: RememberedBoard): RememberedBoard[] {
  return [board, ...boards.filter((b) => b.boardId !== board.boardId)];
}

export function withoutBoard(boards: readonly RememberedBoard[], boardId: string): RememberedBoard[] {
  return boards.filter((b) => b.boardId !== boardId);
}

export function loadRememberedBoards(storage: Storage = localStorage): RememberedBoard[] {
  try {
    return parseRememberedBoards(storage.getItem(STORAGE_KEY));
  } catch {
    return [];
  }
}

export function saveRememberedBoards(
  boards: readonly RememberedBoard[],
  storage: Storage = localStorage,
): void {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(boards));
  } catch {
    // Storage full or blocked: the board still works for this visit; it just is not remembered.
  }
}
