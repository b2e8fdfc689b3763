import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DeltaOp, diffText, type TextChange, transformPosition } from './textDiff';

const apply = (value: string, change: TextChange | null): string =>
  change
    ? value.slice(0, change.index) + change.insert + value.slice(change.index + change.deleteCount)
    : value;

describe('diffText', () => {
  it('finds a plain insertion, deletion and replacement', () => {
    expect(diffText('Spielplatz', 'Spielplatz Süd', 14)).toEqual({
      index: 10,
      deleteCount: 0,
      insert: ' Süd',
    });
    expect(diffText('Spielplatz', 'Spielpl', 7)).toEqual({ index: 7, deleteCount: 3, insert: '' });
    expect(diffText('ein Ziel', 'ein Plan', 8)).toEqual({ index: 4, deleteCount: 4, insert: 'Plan' });
    expect(diffText('gleich', 'gleich', 3)).toBeNull();
  });

  it('uses the caret to place an edit inside a run of equal characters', () => {
    expect(diffText('aa', 'aaa', 1)).toEqual({ index: 0, deleteCount: 0, insert: 'a' });
    expect(diffText('aa', 'aaa', 2)).toEqual({ index: 1, deleteCount: 0, insert: 'a' });
    expect(diffText('aaa', 'aa', 0)).toEqual({ index: 0, deleteCount: 1, insert: '' });
    expect(diffText('aaa', 'aa', 1)).toEqual({ index: 1, deleteCount: 1, insert: '' });
  });

  it('without a caret, still yields a change that produces the new value', () => {
    expect(apply('aa', diffText('aa', 'aaa'))).toBe('aaa');
  });

  it('always turns before into after, whatever the caret says', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.nat(50), (before, after, caret) => {
        expect(apply(before, diffText(before, after, caret))).toBe(after);
      }),
    );
  });

  it('recovers the exact single edit when the caret is where the edit ended', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(), fc.nat(), fc.string(), (base, at, del, insert) => {
        const index = at % (base.length + 1);
        const deleteCount = del % (base.length - index + 1);
        const after = base.slice(0, index) + insert + base.slice(index + deleteCount);
        const change = diffText(base, after, index + insert.length);
        expect(apply(base, change)).toBe(after);
        if (change) expect(change.index + change.insert.length).toBeLessThanOrEqual(index + insert.length);
      }),
    );
  });
});

describe('transformPosition', () => {
  const insertAt = (index: number, text: string): DeltaOp[] =>
    index > 0 ? [{ retain: index }, { insert: text }] : [{ insert: text }];
  const deleteAt = (index: number, count: number): DeltaOp[] =>
    index > 0 ? [{ retain: index }, { delete: count }] : [{ delete: count }];

  it('shifts the caret by text inserted before it, not after it', () => {
    expect(transformPosition(5, insertAt(2, 'abc'))).toBe(8);
    expect(transformPosition(5, insertAt(7, 'abc'))).toBe(5);
    expect(transformPosition(5, insertAt(5, 'abc'))).toBe(5);
  });

  it('pulls the caret back by deletions before it and into a deleted range', () => {
    expect(transformPosition(5, deleteAt(0, 2))).toBe(3);
    expect(transformPosition(5, deleteAt(3, 5))).toBe(3);
    expect(transformPosition(5, deleteAt(6, 2))).toBe(5);
  });

  it('handles several operations in one delta', () => {
    expect(transformPosition(6, [{ insert: 'xx' }, { retain: 2 }, { delete: 3 }])).toBe(5);
  });
});
