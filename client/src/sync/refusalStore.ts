import { create } from 'zustand';
import { loadKept, saveKept } from './keptStorage';
import { type BoardTexts, type KeptText, mergeKept, unconfirmedTexts } from './keptText';
import type { Refusal } from './refusal';

/** What a refusal left on this device for one board; it outlives the refused session (see freshStart.ts). */
export interface BoardRefusal {
  /** The refusal still to be read; null once dismissed or, after a reconnect the person asked for, answered. */
  readonly notice: Refusal | null;
  /** The refused session is still open and waits for the person to reconnect (too many changes, forbidden). */
  readonly awaitingReconnect: boolean;
  /** Texts offered back, in the order they were kept. */
  readonly kept: readonly KeptText[];
  /** The kept texts were compared with a fresh copy from the server (until then they are not shown). */
  readonly checked: boolean;
  /** Counts fresh starts: the session host opens a new session whenever it changes. */
  readonly generation: number;
}

interface RefusalsState {
  readonly boards: Readonly<Record<string, BoardRefusal>>;
  /** Boards whose access ended during this visit: this device forgot them. */
  readonly ended: readonly string[];
  /** Reads the texts a previous visit kept (before the board's first session opens). */
  load(boardId: string): void;
  refused(boardId: string, refusal: Refusal, awaitingReconnect: boolean): void;
  /** Asks the session host for a new session from a fresh copy. */
  startFresh(boardId: string): void;
  /** A new session opened: a reconnect the person was asked for is under way. */
  sessionOpened(boardId: string): void;
  keep(boardId: string, texts: readonly KeptText[]): void;
  /** A fresh copy from the server is in: keep offering only what it does not have. */
  check(boardId: string, server: BoardTexts): void;
  dismiss(boardId: string): void;
  accessEnded(boardId: string): void;
}

const NONE: BoardRefusal = {
  notice: null,
  awaitingReconnect: false,
  kept: [],
  checked: false,
  generation: 0,
};

export const useRefusals = create<RefusalsState>()((set, get) => {
  const board = (boardId: string) => get().boards[boardId] ?? NONE;
  const update = (boardId: string, change: Partial<BoardRefusal>) => {
    const next = { ...board(boardId), ...change };
    set({ boards: { ...get().boards, [boardId]: next } });
    if ('kept' in change || 'checked' in change) saveKept(boardId, next);
  };
  return {
    boards: {},
    ended: [],
    load: (boardId) => {
      if (!get().boards[boardId])
        set({ boards: { ...get().boards, [boardId]: { ...NONE, ...loadKept(boardId) } } });
    },
    refused: (boardId, refusal, awaitingReconnect) => update(boardId, { notice: refusal, awaitingReconnect }),
    startFresh: (boardId) => update(boardId, { generation: board(boardId).generation + 1 }),
    // The reconnect answers a "wait, then reconnect" notice; a refused change's notice stays until read.
    sessionOpened: (boardId) => {
      if (board(boardId).awaitingReconnect) update(boardId, { notice: null, awaitingReconnect: false });
    },
    keep: (boardId, texts) => {
      if (texts.length > 0) update(boardId, { kept: mergeKept(board(boardId).kept, texts), checked: false });
    },
    check: (boardId, server) =>
      update(boardId, { kept: unconfirmedTexts(board(boardId).kept, server), checked: true }),
    dismiss: (boardId) => update(boardId, { notice: null, kept: [], checked: false }),
    accessEnded: (boardId) => {
      update(boardId, { notice: null, awaitingReconnect: false, kept: [], checked: false });
      set({ ended: [...get().ended.filter((id) => id !== boardId), boardId] });
    },
  };
});
