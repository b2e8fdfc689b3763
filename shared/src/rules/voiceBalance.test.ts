import { describe, expect, it } from 'vitest';
import type { Partner } from '../api/entities';
import {
  CONTRIBUTION_GAP_MS,
  CONTRIBUTION_SPAN_MS,
  type Contribution,
  type FieldEdit,
  groupEdits,
  voiceBalance,
} from './voiceBalance';

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

describe('groupEdits: contributions, not keystrokes', () => {
  const SECOND = 1000;
  const edit = (participantId: string | null, at: number, field = 'g1/description'): FieldEdit => ({
    participantId,
    field,
    at,
  });
  const runs = (edits: FieldEdit[]) =>
    groupEdits(edits).map((r) => [r.participantId, r.field, r.startedAt, r.at, r.edits]);

  it('gives each of two people typing into one field at once one contribution', () => {
    // Keystrokes alternate, a second apart: ayse, bernd, ayse, bernd, …
    const edits = Array.from({ length: 60 }, (_, i) => edit(i % 2 === 0 ? 'ayse' : 'bernd', i * SECOND));
    expect(runs(edits)).toEqual([
      ['ayse', 'g1/description', 0, 58 * SECOND, 30],
      ['bernd', 'g1/description', SECOND, 59 * SECOND, 30],
    ]);
  });

  it('splits at a pause of a minute or more, not before', () => {
    const edits = [
      edit('ayse', 0),
      edit('ayse', CONTRIBUTION_GAP_MS - 1),
      edit('ayse', 2 * CONTRIBUTION_GAP_MS - 1),
    ];
    expect(runs(edits)).toEqual([
      ['ayse', 'g1/description', 0, CONTRIBUTION_GAP_MS - 1, 2],
      ['ayse', 'g1/description', 2 * CONTRIBUTION_GAP_MS - 1, 2 * CONTRIBUTION_GAP_MS - 1, 1],
    ]);
  });

  it('splits a run that would last longer than ten minutes', () => {
    const edits = Array.from({ length: 25 }, (_, i) => edit('ayse', i * 30 * SECOND));
    const grouped = groupEdits(edits);
    expect(grouped.map((r) => [r.startedAt, r.at, r.edits])).toEqual([
      [0, CONTRIBUTION_SPAN_MS, 21],
      [CONTRIBUTION_SPAN_MS + 30 * SECOND, 12 * 60 * SECOND, 4],
    ]);
  });

  it('keeps different fields, goals and people apart', () => {
    const edits = [
      edit('ayse', 0, 'g1/title'),
      edit('ayse', SECOND, 'g1/description'),
      edit('ayse', 2 * SECOND, 'g2/description'),
      edit('bernd', 3 * SECOND, 'g1/title'),
      edit(null, 4 * SECOND, 'g1/title'),
      edit('ayse', 5 * SECOND, 'g1/title'),
    ];
    expect(runs(edits)).toEqual([
      ['ayse', 'g1/title', 0, 5 * SECOND, 2],
      ['ayse', 'g1/description', SECOND, SECOND, 1],
      ['ayse', 'g2/description', 2 * SECOND, 2 * SECOND, 1],
      ['bernd', 'g1/title', 3 * SECOND, 3 * SECOND, 1],
      [null, 'g1/title', 4 * SECOND, 4 * SECOND, 1],
    ]);
  });

  it('counts thousands of one-character edits by one person as one contribution per ten minutes', () => {
    // 6000 keystrokes, ten a second for ten minutes, with another person's keystroke after each of them.
    const edits = Array.from({ length: 6000 }, (_, i) => [
      edit('mallory', i * 100),
      edit('bernd', i * 100 + 50),
    ]).flat();
    const grouped = groupEdits(edits);
    expect(grouped.map((r) => [r.participantId, r.edits])).toEqual([
      ['mallory', 6000],
      ['bernd', 6000],
    ]);
    // Going on for another ten minutes adds one contribution, not thousands.
    const more = Array.from({ length: 6000 }, (_, i) => edit('mallory', 600_000 + i * 100));
    expect(groupEdits([...edits, ...more]).filter((r) => r.participantId === 'mallory')).toHaveLength(2);
  });
});
