import { useId } from 'react';
import { Link } from 'wouter';
import { useLocale, useT } from '../i18n/locale';
import { useBoardContext } from '../sync/SessionContext';
import { figureText } from './figureText';
import { useHealth } from './useHealth';

/** The facilitator's short view of the health check on the board: one line per principle, the first figure. */
export function HealthSummary() {
  const t = useT();
  const locale = useLocale();
  const headingId = useId();
  const { boardId } = useBoardContext();
  const health = useHealth();
  return (
    <section className="health-summary panel" aria-labelledby={headingId} data-testid="health-summary">
      <h2 id={headingId}>{t('health.summaryHeading')}</h2>
      {!health.data && !health.error && <p role="status">{t('health.loading')}</p>}
      {health.error && <p className="alert">{t(health.error)}</p>}
      {health.data && (
        <ul className="health-summary-lines">
          {health.data.lines.map((line) => {
            const first = line.figures[0];
            return (
              <li key={line.principle} className={line.attention ? 'is-attention' : 'is-fine'}>
                <span className="health-flag">
                  <span aria-hidden="true">{line.attention ? '◆' : '✓'}</span>{' '}
                  <span className="visually-hidden">
                    {line.attention ? t('health.attention') : t('health.fine')}:{' '}
                  </span>
                </span>
                <strong>{t(`health.principle.${line.principle}`)}</strong>
                {first && <SummaryFigure text={figureText(first, t, locale)} />}
              </li>
            );
          })}
        </ul>
      )}
      <p className="button-row">
        <Link href={`/b/${boardId}/health`} className="button secondary" data-testid="health-link">
          {t('health.all')}
        </Link>
        <Link href={`/b/${boardId}/report`} className="button secondary" data-testid="report-link">
          {t('report.link')}
        </Link>
      </p>
    </section>
  );
}

/** One line's first figure; a figure that introduces a list (shares per kind) shows the list inline. */
function SummaryFigure({ text }: { text: ReturnType<typeof figureText> }) {
  const list = text.kinds.map((kind) => kind.text).join(' · ');
  return (
    <span className="health-summary-figure">
      {' '}
      – {text.main}
      {list && ` ${list}`}
    </span>
  );
}
