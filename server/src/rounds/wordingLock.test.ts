import { goalText, proposeGoal } from '@common-ground/shared/schema';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../log';
import type { StoredRound } from '../storage/types';
import { restoreText } from './restoreText';
import { type RefusedEdit, WordingLocks } from './wordingLock';

const round = (goalId: string, title: string, description: string): StoredRound =>
  ({ id: `round-${goalId}`, boardId: 'b', goalId, wording: { title, description, hash: '' } }) as StoredRound;

function setup(open: () => Promise<StoredRound[]>) {
  const refused: RefusedEdit[] = [];
  const locks = new WordingLocks({ listOpenRounds: open }, createLogger('silent'), async (edit) => {
    refused.push(edit);
  });
  const doc = new Y.Doc();
  const goalId = proposeGoal(doc, { title: 'Hofflohmarkt', description: 'Im Mai', createdBy: 'p', now: 1 });
  const scope = { rootKeys: new Set(['goals']), goalIds: new Set([goalId]) };
  return { locks, doc, goalId, scope, refused };
}

describe('restoreText', () => {
  it('changes only the differing span, so a caret after it keeps its character', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'Hof Offene flohmarkt');
    const caret = Y.createRelativePositionFromTypeIndex(text, 15);
    const deltas: unknown[] = [];
    text.observe((event) => deltas.push(event.delta));
    expect(restoreText(text, 'Hofflohmarkt')).toBe(true);
    expect(text.toString()).toBe('Hofflohmarkt');
    expect(deltas).toEqual([[{ retain: 3 }, { delete: 8 }]]);
    expect(Y.createAbsolutePositionFromRelativePosition(caret, doc)?.index).toBe(7);
    expect(restoreText(text, 'Hofflohmarkt')).toBe(false);
  });

  it('never splits a character the two texts share half of', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    // 😀 and 😃 share their first UTF-16 unit; 👍🏽 and 👍 share a whole code point but not the grapheme.
    const pairs: [string, string][] = [
      ['a😀b', 'a😃b'],
      ['x👍🏽', 'x👍'],
      ['🇩🇪🇫🇷', '🇩🇪🇮🇹'],
    ];
    for (const [from, to] of pairs) {
      text.delete(0, text.length);
      text.insert(0, from);
      restoreText(text, to);
      expect(text.toString()).toBe(to);
      expect(text.toString()).not.toContain('\uFFFD');
    }
  });

  it('replaces a text that holds embeds as a whole', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'ab');
    text.insertEmbed(1, { hostile: true });
    restoreText(text, 'ab');
    expect(text.toDelta()).toEqual([{ insert: 'ab' }]);
  });
});

describe('WordingLocks', () => {
  it('sets a locked goal back and hands on what the edit produced, with the author it is given', async () => {
    let stored: StoredRound[] = [];
    const { locks, doc, goalId, scope, refused } = setup(async () => stored);
    await locks.load('b');
    // Locked at once, before the confirming read from storage returns.
    stored = [round(goalId, 'Hofflohmarkt', 'Im Mai')];
    locks.opened(round(goalId, 'Hofflohmarkt', 'Im Mai'));
    goalText(doc, goalId, 'title')?.insert(0, 'Großer ');
    goalText(doc, goalId, 'description')?.insert(6, ' ');
    const keep = locks.enforce('b', doc, scope, 'person-1');
    expect(goalText(doc, goalId, 'title')?.toString()).toBe('Hofflohmarkt');
    expect(goalText(doc, goalId, 'description')?.toString()).toBe('Im Mai');
    await keep?.();
    // A trailing space changes nothing the wording hash sees: set back, but not proposed.
    expect(refused).toEqual([
      {
        boardId: 'b',
        goalId,
        roundId: `round-${goalId}`,
        authorId: 'person-1',
        title: 'Großer Hofflohmarkt',
        description: null,
      },
    ]);
    goalText(doc, goalId, 'description')?.insert(6, '  ');
    expect(locks.enforce('b', doc, scope, 'person-1')).toBeNull();
    expect(goalText(doc, goalId, 'description')?.toString()).toBe('Im Mai');
  });

  it('locks nothing on a board not read yet, and keeps only the latest read', async () => {
    let answer: (rounds: StoredRound[]) => void = () => undefined;
    const { locks, doc, goalId, scope } = setup(() => {
      const read = new Promise<StoredRound[]>((resolve) => {
        answer = resolve;
      });
      return read;
    });
    goalText(doc, goalId, 'title')?.insert(0, 'X');
    expect(locks.enforce('b', doc, scope, 'p')).toBeNull();
    const first = locks.load('b');
    const answerFirst = answer;
    const second = locks.load('b');
    answer([]);
    await second;
    // The older read answers last (a round opened between the reads): it is not installed.
    answerFirst([round(goalId, 'Hofflohmarkt', 'Im Mai')]);
    await first;
    expect(locks.enforce('b', doc, scope, 'p')).toBeNull();
    expect(goalText(doc, goalId, 'title')?.toString()).toBe('XHofflohmarkt');
  });
});
