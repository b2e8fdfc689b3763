import type { ContributionCounts, ContributionShares } from '@common-ground/shared/rules';
import { intlTag, type Locale } from '../i18n/languages';

export const MEASURES = ['total', 'proposal', 'edit', 'comment', 'stance'] as const;
export type Measure = (typeof MEASURES)[number];

/** "33 %" / "33%": whole percent, and one decimal only where rounding would show a small share as 0. */
export function formatPercent(share: number, locale: Locale): string {
  const digits = share > 0 && share < 0.01 ? 1 : 0;
  return new Intl.NumberFormat(intlTag(locale), {
    style: 'percent',
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(share);
}

export interface BarFigures {
  readonly count: number;
  readonly total: number;
  readonly share: number;
  /** Bar length in percent of the track, 0–100. */
  readonly width: number;
}

/** The numbers one bar shows, for one measure: counted, out of how many, and the share. */
export function barFigures(
  counts: ContributionCounts,
  shares: ContributionShares,
  totals: ContributionCounts,
  measure: Measure,
): BarFigures {
  const share = shares[measure];
  return { count: counts[measure], total: totals[measure], share, width: Math.round(share * 1000) / 10 };
}

/** A kind's equal share: what its partners would have together if every partner contributed alike. */
export const kindEqualShare = (partnersOfKind: number, equalShare: number): number =>
  Math.min(1, partnersOfKind * equalShare);

const DAY = 24 * 60 * 60 * 1000;
export const PERIODS = ['all', 'week', 'month', 'custom'] as const;
export type Period = (typeof PERIODS)[number];

/**
 * The query range for a period. A custom range is given as calendar days ('YYYY-MM-DD', the person's time zone)
 * and includes the whole last day.
 */
export function periodRange(
  period: Period,
  now: number,
  custom: { from: string; to: string } = { from: '', to: '' },
): { from?: number; to?: number } {
  if (period === 'week') return { from: now - 7 * DAY };
  if (period === 'month') return { from: now - 30 * DAY };
  if (period === 'custom') {
    const from = dayStart(custom.from);
    const to = dayStart(custom.to);
    return {
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to: to + DAY - 1 }),
    };
  }
  return {};
}

function dayStart(day: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
}
