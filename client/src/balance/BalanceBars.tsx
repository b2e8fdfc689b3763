import type { ContributionCounts, ContributionShares } from '@common-ground/shared/rules';
import { useLocale, useT } from '../i18n/locale';
import { barFigures, formatPercent, type Measure } from './shares';

export interface BarRow {
  readonly id: string;
  readonly name: string;
  /** A second line under the name, e.g. the kind of organisation. */
  readonly detail: string;
  readonly counts: ContributionCounts;
  readonly shares: ContributionShares;
  /** Where this row's "equal share" line sits (0–1). */
  readonly reference: number;
}

/**
 * Horizontal bars, one per row, in the order given. Every bar says its numbers in text ("3 von 4 · 75 %"), and
 * the equal share is a marked line, so nothing is told by colour or length alone.
 */
export function BalanceBars({
  rows,
  totals,
  measure,
  testId,
}: {
  rows: readonly BarRow[];
  totals: ContributionCounts;
  measure: Measure;
  testId: string;
}) {
  const t = useT();
  const locale = useLocale();
  const measureName = t(`balance.measure.${measure}`);
  return (
    <ul className="balance-bars" data-testid={testId}>
      {rows.map((row) => {
        const figures = barFigures(row.counts, row.shares, totals, measure);
        const percent = formatPercent(figures.share, locale);
        const text = t('balance.bar', { count: figures.count, total: figures.total, percent });
        return (
          <li
            key={row.id}
            className="balance-row"
            data-testid="balance-row"
            data-id={row.id}
            aria-label={t('balance.barLabel', {
              name: row.name,
              count: figures.count,
              total: figures.total,
              measure: measureName,
              percent,
            })}
          >
            <div className="balance-name" aria-hidden="true">
              <span className="balance-name-main">{row.name}</span>
              <span className="hint">{row.detail}</span>
            </div>
            <div className="balance-track" aria-hidden="true">
              <div className="balance-bar" style={{ width: `${figures.width}%` }} />
              <div
                className="balance-reference"
                style={{ insetInlineStart: `${Math.round(row.reference * 1000) / 10}%` }}
              />
            </div>
            <div className="balance-figures" aria-hidden="true" data-testid="balance-figures">
              {text}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
