import type { Role } from '@common-ground/shared/api';
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { BoardSession, BoardState } from './session';

export interface BoardContextValue {
  readonly session: BoardSession;
  readonly boardId: string;
  readonly token: string;
  readonly role: Role;
}

export const BoardContext = createContext<BoardContextValue | null>(null);

export function useBoardContext(): BoardContextValue {
  const value = useContext(BoardContext);
  if (!value) throw new Error('useBoardContext outside a BoardContext provider');
  return value;
}

/** Reads board state through a selector; the selector must return stable references (no new arrays). */
export function useBoard<T>(selector: (state: BoardState) => T): T {
  return useStore(useBoardContext().session.store, selector);
}
