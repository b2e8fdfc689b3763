import { describe, expect, it } from 'vitest';
import { type GoalDetails, mergeDetails } from './goalDetails';

const details = (lead: string | null, comments: string[] = []): GoalDetails => ({
  structure: { leadPartnerId: lead, commitments: [], reviewDate: null },
  comments: comments.map((text, i) => ({ id: `c${i}`, authorId: 'p1', text, at: i })),
  translations: { lang: 'de', translations: [] },
});

describe('mergeDetails', () => {
  const before = { a: details(null), b: details('p1', ['Gut']) };

  it('replaces only the touched goal’s details', () => {
    const changed = details('p1', ['Gut', 'Ja']);
    const next = mergeDetails(before, new Set(['b']), () => changed);
    expect(next).toEqual({ a: before.a, b: changed });
    expect(next.a).toBe(before.a);
  });

  it('keeps the previous object when the details read the same (a text edit)', () => {
    expect(
      mergeDetails(before, new Set(['a', 'b']), (id) =>
        id === 'a' ? details(null) : details('p1', ['Gut']),
      ),
    ).toBe(before);
  });

  it('adds a new goal and drops a removed one', () => {
    const next = mergeDetails(before, new Set(['a', 'c']), (id) => (id === 'c' ? details(null) : null));
    expect(Object.keys(next)).toEqual(['b', 'c']);
    expect(next.b).toBe(before.b);
  });
});
