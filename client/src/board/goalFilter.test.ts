import type { Goal, Stage } from '@common-ground/shared/schema';
import { describe, expect, it } from 'vitest';
import { isFiltering, NO_FILTER, visibleGoalIds } from './goalFilter';

const goal = (id: string, title: string, stage: Stage, description = ''): Goal => ({
  id,
  title,
  description,
  stage,
  rank: id,
  createdBy: 'p',
  createdAt: 0,
});

const GOALS = [
  goal('g1', 'Spielplatz sanieren', 'proposed', 'Neue Schaukeln für den Hof'),
  goal('g2', 'Nachbarschaftscafé', 'discussing'),
  goal('g3', 'Radweg an der Hauptstraße', 'proposed', 'Beleuchtung im Winter'),
];
// g1 proposed by partner A, g2 by B with A leading, g3 by nobody's organisation.
const ORGS: Record<string, (string | null)[]> = { g1: ['A', null], g2: ['B', 'A'], g3: [null, null] };
const orgs = (id: string) => ORGS[id] ?? [];
const ids = (set: ReadonlySet<string>) => [...set].sort();

describe('filtering the board', () => {
  it('lets every goal through without a filter', () => {
    expect(isFiltering(NO_FILTER)).toBe(false);
    expect(ids(visibleGoalIds(GOALS, NO_FILTER, orgs))).toEqual(['g1', 'g2', 'g3']);
    expect(isFiltering({ ...NO_FILTER, text: '   ' })).toBe(false);
  });

  it('matches every word in title or description, ignoring case and accents', () => {
    const text = (value: string) => ids(visibleGoalIds(GOALS, { ...NO_FILTER, text: value }, orgs));
    expect(text('schaukeln')).toEqual(['g1']);
    expect(text('CAFE')).toEqual(['g2']);
    expect(text('hauptstrasse winter')).toEqual(['g3']);
    expect(text('spielplatz winter')).toEqual([]);
  });

  it('filters by stage', () => {
    expect(ids(visibleGoalIds(GOALS, { ...NO_FILTER, stage: 'proposed' }, orgs))).toEqual(['g1', 'g3']);
  });

  it('filters by the proposer’s or the lead’s organisation, combined with the other fields', () => {
    expect(ids(visibleGoalIds(GOALS, { ...NO_FILTER, partnerId: 'A' }, orgs))).toEqual(['g1', 'g2']);
    expect(ids(visibleGoalIds(GOALS, { ...NO_FILTER, partnerId: 'B' }, orgs))).toEqual(['g2']);
    expect(ids(visibleGoalIds(GOALS, { text: 'café', stage: 'proposed', partnerId: 'A' }, orgs))).toEqual([]);
  });
});
