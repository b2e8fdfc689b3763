import { create } from 'zustand';
import {
  loadRememberedBoards,
  type RememberedBoard,
  saveRememberedBoards,
  withBoard,
  withoutBoard,
} from './deviceStorage';

interface RememberedBoardsState {
  boards: RememberedBoard[];
  remember: (board: RememberedBoard) => void;
  forget: (boardId: string) => void;
  /** Keeps the stored title in step with the live board, so the landing list shows current names. */
  updateTitle: (boardId: string, title: string) => void;
}

export const useRememberedBoards = create<RememberedBoardsState>()((set, get) => {
  const save = (boards: RememberedBoard[]) => {
    saveRememberedBoards(boards);
    set({ boards });
  };
  return {
    boards: loadRememberedBoards(),
    remember: (board) => save(withBoard(get().boards, board)),
    forget: (boardId) => {
      save(withoutBoard(get().boards, boardId));
      // The board's offline copy goes too: a shared or lent device keeps nothing of a board it left.
      void import('../sync/localPersistence').then((local) => local.forgetLocalCopy(boardId));
    },
    updateTitle: (boardId, title) => {
      const boards = get().boards;
      const board = boards.find((b) => b.boardId === boardId);
      if (board && title && board.title !== title) {
        save(boards.map((b) => (b.boardId === boardId ? { ...b, title } : b)));
      }
    },
  };
});

// Another tab joined or left a board: show the same list here.
window.addEventListener('storage', () => useRememberedBoards.setState({ boards: loadRememberedBoards() }));
