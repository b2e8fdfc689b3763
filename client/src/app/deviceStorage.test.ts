import { describe, expect, it } from 'vitest';
import { parseRememberedBoards, type RememberedBoard, withBoard, withoutBoard } from './deviceStorage';

const board: RememberedBoard = {
  boardId: 'AbCdEfGhIjKlMn_-',
  title: 'Runder Tisch Südstadt',
  participantId: 'p1',
  token: 'secret',
  role: 'partner',
  name: 'Ayşe',
};

describe('parseRememberedBoards', () => {
  it('reads a valid list', () => {
    expect(parseRememberedBoards(JSON.stringify([board]))).toEqual([board]);
  });

  it('ignores missing, corrupted and non-list storage', () => {
    expect(parseRememberedBoards(null)).toEqual([]);
    expect(parseRememberedBoards('{not json')).toEqual([]);
    expect(parseRememberedBoards('{"boardId":"x"}')).toEqual([]);
  });

  it('drops invalid entries and duplicates but keeps the rest', () => {
    const raw = JSON.stringify([
      { ...board, role: 'admin' },
      board,
      { ...board, token: 'other' },
      { ...board, boardId: 'short' },
      null,
    ]);
    expect(parseRememberedBoards(raw)).toEqual([board]);
  });
});

describe('withBoard / withoutBoard', () => {
  it('puts the newest first and replaces the same board', () => {
    const other = { ...board, boardId: 'ZZZZZZZZZZZZZZZZ', title: 'Andere' };
    const updated = { ...board, token: 'new' };
    expect(withBoard(withBoard([board], other), updated)).toEqual([updated, other]);
    expect(withoutBoard([board, other], board.boardId)).toEqual([other]);
  });
});
