import { describe, expect, it } from 'vitest';
import type { Partner } from '../api/entities';
import { type Contribution, voiceBalance } from './voiceBalance';

const partners: Partner[] = [
  { id: 'mieter', name: 'Mieterverein', kind: 'residents' },
  { id: 'ini', name: 'Initiative Park', kind: 'residents' },
  { id: 'stadt', name: 'Stadt', kind: 'municipality' },
  { id: 'wohnbau', name: 'Wohnbau GmbH', kind: 'housing' },
];

const c = (kind: Contribution['kind'], partnerId: string | null, at: number): Contribution => ({
  kind,
  partnerId,
  at,
});

// 10 contributions by partners: the city dominates, the park initiative is silent.
const contributions: Contribution[] = [
  c('proposal', 'stadt', 10),
  c('proposal', 'stadt', 11),
  c('proposal', 'mieter', 12),
  c('edit', 'stadt', 20),
  c('edit', 'stadt', 21),
  c('edit', 'stadt', 22),
  c('edit', 'wohnbau', 23),
  c('comment', 'mieter', 30),
  c('stance', 'mieter', 40),
  c('stance', 'stadt', 41),
  // Not any partner's voice: the facilitator, and a partner that is not on the board.
  c('comment', null, 31),
  c('edit', 'unknown', 24),
];

describe('voiceBalance', () => {
  const balance = voiceBalance({ partners, contributions });

  it('counts per partner and kind of contribution, every partner listed in the order given', () => {
    expect(balance.partners.map((p) => [p.partnerId, p.counts])).toEqual([
      ['mieter', { proposal: 1, edit: 0, comment: 1, stance: 1, total: 3 }],
      ['ini', { proposal: 0, edit: 0, comment: 0, stance: 0, total: 0 }],
      ['stadt', { proposal: 2, edit: 3, comment: 0, stance: 1, total: 6 }],
      ['wohnbau', { proposal: 0, edit: 1, comment: 0, stance: 0, total: 1 }],
    ]);
    expect(balance.totals).toEqual({ proposal: 3, edit: 4, comment: 1, stance: 2, total: 10 });
  });

  it('gives shares of the partners’ contributions, per kind of contribution', () => {
    const stadt = balance.partners.find((p) => p.partnerId === 'stadt');
    expect(stadt?.shares).toEqual({ proposal: 2 / 3, edit: 3 / 4, comment: 0, stance: 1 / 2, total: 6 / 10 });
    const mieter = balance.partners.find((p) => p.partnerId === 'mieter');
    expect(mieter?.shares).toEqual({ proposal: 1 / 3, edit: 0, comment: 1, stance: 1 / 2, total: 3 / 10 });
    const sum = balance.partners.reduce((s, p) => s + p.shares.total, 0);
    expect(sum).toBeCloseTo(1);
    expect(balance.equalShare).toBe(1 / 4);
  });

  it('sums partner kinds over their partners, only kinds present on the board, in the fixed kind order', () => {
    expect(balance.kinds).toEqual([
      {
        kind: 'residents',
        partners: 2,
        counts: { proposal: 1, edit: 0, comment: 1, stance: 1, total: 3 },
        shares: { proposal: 1 / 3, edit: 0, comment: 1, stance: 1 / 2, total: 3 / 10 },
      },
      {
        kind: 'housing',
        partners: 1,
        counts: { proposal: 0, edit: 1, comment: 0, stance: 0, total: 1 },
        shares: { proposal: 0, edit: 1 / 4, comment: 0, stance: 0, total: 1 / 10 },
      },
      {
        kind: 'municipality',
        partners: 1,
        counts: { proposal: 2, edit: 3, comment: 0, stance: 1, total: 6 },
        shares: { proposal: 2 / 3, edit: 3 / 4, comment: 0, stance: 1 / 2, total: 6 / 10 },
      },
    ]);
  });

  it('lists the silent partners and keeps contributions of no partner out of every share', () => {
    expect(balance.silentPartnerIds).toEqual(['ini']);
    expect(balance.unattributed).toEqual({ proposal: 0, edit: 1, comment: 1, stance: 0, total: 2 });
  });

  it('counts only the period, both ends inclusive', () => {
    const period = voiceBalance({ partners, contributions, from: 20, to: 30 });
    expect(period.totals).toEqual({ proposal: 0, edit: 4, comment: 1, stance: 0, total: 5 });
    expect(period.silentPartnerIds).toEqual(['ini']);
    expect(period.partners.find((p) => p.partnerId === 'stadt')?.shares.total).toBe(3 / 5);
    expect(period).toMatchObject({ from: 20, to: 30 });
    const open = voiceBalance({ partners, contributions, from: 40 });
    expect(open.totals.total).toBe(2);
  });

  it('answers zero shares, not NaN, for a period without contributions or a board without partners', () => {
    const empty = voiceBalance({ partners, contributions: [] });
    expect(empty.partners.every((p) => p.shares.total === 0)).toBe(true);
    expect(empty.silentPartnerIds).toEqual(['mieter', 'ini', 'stadt', 'wohnbau']);
    const none = voiceBalance({ partners: [], contributions });
    expect(none).toMatchObject({ equalShare: 0, partners: [], kinds: [], silentPartnerIds: [] });
    expect(none.unattributed.total).toBe(contributions.length);
  });
});
