import type { Goal, GoalComment } from '@common-ground/shared/schema';
import { describe, expect, it } from 'vitest';
import { type BoardTexts, keptCandidates, mergeKept, unconfirmedTexts } from './keptText';

const goal = (id: string, title: string, description = ''): Goal => ({
  id,
  title,
  description,
  stage: 'proposed',
  rank: 'a0',
  createdBy: 'p1',
  createdAt: 0,
});
const comment = (id: string, text: string): GoalComment => ({ id, authorId: 'p1', text, at: 0 });
const texts = (goals: Goal[], comments: Record<string, GoalComment[]> = {}): BoardTexts => ({
  goals,
  details: Object.fromEntries(goals.map((g) => [g.id, { comments: comments[g.id] ?? [] }])),
});

describe('keptCandidates', () => {
  it('takes the touched fields and comments as the discarded copy has them, and nothing else', () => {
    const copy = texts([goal('g1', 'Spielplatz', 'Langer Text'), goal('g2', 'Ruhig', 'nicht angefasst')], {
      g1: [comment('c1', 'Mein Kommentar'), comment('c2', 'von anderen')],
    });
    const kept = keptCandidates(
      {
        fields: [
          { goalId: 'g1', field: 'description' },
          { goalId: 'gone', field: 'title' },
        ],
        commentIds: ['c1'],
      },
      copy,
    );
    expect(kept).toEqual([
      { goalId: 'g1', goalTitle: 'Spielplatz', kind: 'description', text: 'Langer Text' },
      { goalId: 'g1', goalTitle: 'Spielplatz', kind: 'comment', text: 'Mein Kommentar', commentId: 'c1' },
    ]);
  });

  it('offers no empty text', () => {
    const kept = keptCandidates(
      { fields: [{ goalId: 'g1', field: 'description' }], commentIds: [] },
      texts([goal('g1', 'Titel', '  ')]),
    );
    expect(kept).toEqual([]);
  });
});

describe('mergeKept', () => {
  it('replaces an older text of the same field and keeps the rest', () => {
    const older = [
      { goalId: 'g1', goalTitle: 'A', kind: 'description' as const, text: 'alt' },
      { goalId: 'g1', goalTitle: 'A', kind: 'title' as const, text: 'A' },
    ];
    const merged = mergeKept(older, [{ goalId: 'g1', goalTitle: 'A', kind: 'description', text: 'neu' }]);
    expect(merged.map((k) => `${k.kind}:${k.text}`)).toEqual(['description:neu', 'title:A']);
  });
});

describe('unconfirmedTexts', () => {
  it('drops what the fresh copy from the server has, keeps what it lacks', () => {
    const kept = [
      { goalId: 'g1', goalTitle: 'A', kind: 'title' as const, text: 'A' },
      { goalId: 'g1', goalTitle: 'A', kind: 'description' as const, text: 'riesig' },
      { goalId: 'g2', goalTitle: 'Neu', kind: 'title' as const, text: 'Neu' },
      { goalId: 'g1', goalTitle: 'A', kind: 'comment' as const, text: 'gesendet', commentId: 'c1' },
      { goalId: 'g1', goalTitle: 'A', kind: 'comment' as const, text: 'verloren', commentId: 'c2' },
    ];
    const server = texts([goal('g1', 'A', 'kurz')], { g1: [comment('c1', 'gesendet')] });
    expect(unconfirmedTexts(kept, server).map((k) => k.text)).toEqual(['riesig', 'Neu', 'verloren']);
  });
});
