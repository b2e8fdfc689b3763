import type { ContributionCounts } from '@common-ground/shared/rules';
import { useLocale, useT } from '../i18n/locale';
import type { BarRow } from './BalanceBars';
import { formatPercent, MEASURES } from './shares';

/** Every number at once (each measure per organisation, with its share), for reading rather than glancing. */
export function BalanceTable({ rows, totals }: { rows: readonly BarRow[]; totals: ContributionCounts }) {
  const t = useT();
  const locale = useLocale();
  return (
    <details className="balance-table">
      <summary>{t('balance.tableHeading')}</summary>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('balance.tableOrg')}</th>
              {MEASURES.map((m) => (
                <th key={m} scope="col">
                  {t(`balance.measure.${m}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">{row.name}</th>
                {MEASURES.map((m) => (
                  <td key={m}>
                    {row.counts[m]} ({formatPercent(row.shares[m], locale)})
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('balance.tableTotal')}</th>
              {MEASURES.map((m) => (
                <td key={m}>{totals[m]}</td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
    </details>
  );
}
