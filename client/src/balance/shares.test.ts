import { voiceBalance } from '@common-ground/shared/rules';
import { describe, expect, it } from 'vitest';
import { barFigures, formatPercent, kindEqualShare, periodRange } from './shares';

describe('formatPercent', () => {
  it('shows whole percent in the person’s language, with a decimal only for tiny shares', () => {
    expect(formatPercent(0.75, 'de')).toBe('75\u00a0%');
    expect(formatPercent(0.75, 'en')).toBe('75%');
    expect(formatPercent(1 / 3, 'de')).toBe('33\u00a0%');
    expect(formatPercent(0.004, 'en')).toBe('0.4%');
    expect(formatPercent(0, 'en')).toBe('0%');
  });
});

describe('barFigures', () => {
  it('gives count, total, share and bar width for the chosen measure', () => {
    const partners = [
      { id: 'a', name: 'A', kind: 'residents' as const },
      { id: 'b', name: 'B', kind: 'housing' as const },
    ];
    const balance = voiceBalance({
      partners,
      contributions: [
        { kind: 'proposal', partnerId: 'a', at: 1 },
        { kind: 'proposal', partnerId: 'a', at: 2 },
        { kind: 'proposal', partnerId: 'a', at: 3 },
        { kind: 'proposal', partnerId: 'b', at: 4 },
        { kind: 'comment', partnerId: 'b', at: 5 },
      ],
    });
    const [a, b] = balance.partners;
    if (!a || !b) throw new Error('partners missing');
    expect(barFigures(a.counts, a.shares, balance.totals, 'proposal')).toEqual({
      count: 3,
      total: 4,
      share: 0.75,
      width: 75,
    });
    expect(barFigures(b.counts, b.shares, balance.totals, 'total')).toMatchObject({
      count: 2,
      total: 5,
      width: 40,
    });
    expect(barFigures(a.counts, a.shares, balance.totals, 'stance')).toMatchObject({
      count: 0,
      total: 0,
      width: 0,
    });
  });
});

describe('kindEqualShare', () => {
  it('is the equal share times the partners of that kind, at most everything', () => {
    expect(kindEqualShare(2, 0.25)).toBe(0.5);
    expect(kindEqualShare(5, 0.25)).toBe(1);
  });
});

describe('periodRange', () => {
  const now = Date.UTC(2027, 2, 12, 12);
  it('leaves an open range for all time and counts back for the last days', () => {
    expect(periodRange('all', now)).toEqual({});
    expect(periodRange('week', now)).toEqual({ from: now - 7 * 24 * 3600_000 });
  });
  it('turns calendar days into a range that includes the whole last day', () => {
    const range = periodRange('custom', now, { from: '2027-03-01', to: '2027-03-02' });
    expect(range.to !== undefined && range.from !== undefined && range.to - range.from).toBe(
      2 * 24 * 3600_000 - 1,
    );
    expect(periodRange('custom', now, { from: '', to: 'nonsense' })).toEqual({});
  });
});
