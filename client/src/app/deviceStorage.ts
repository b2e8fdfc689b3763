import { ID_PATTERN, isRole, type Role } from '@common-ground/shared/api';
import { BOARD_ID_PATTERN } from '@common-ground/shared/protocol';

/** What this device remembers about a board it joined: enough to reopen it without a new invitation. */
export interface RememberedBoard {
  readonly boardId: string;
  readonly title: string;
  readonly participantId: string;
  readonly token: string;
  readonly role: Role;
  readonly name: string;
}

/**
 * The entry's fields, or null when one is missing or malformed. Checked by hand, not with zod: the landing page
 * reads this list before its first render and loads without zod.
 */
function readRememberedBoard(item: unknown): RememberedBoard | null {
  if (typeof item !== 'object' || item === null) return null;
  const { boardId, title, participantId, token, role, name } = item as Record<string, unknown>;
  const valid =
    typeof boardId === 'string' &&
    BOARD_ID_PATTERN.test(boardId) &&
    typeof title === 'string' &&
    typeof participantId === 'string' &&
    ID_PATTERN.test(participantId) &&
    typeof token === 'string' &&
    token.length > 0 &&
    isRole(role) &&
    typeof name === 'string';
  return valid ? { boardId, title, participantId, token, role, name } : null;
}

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
    const board = readRememberedBoard(item);
    if (board && !boards.some((b) => b.boardId === board.boardId)) boards.push(board);
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
