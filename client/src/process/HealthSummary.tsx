import { useId } from 'react';
import { Link } from 'wouter';
import { ExpandToggle } from '../app/ExpandToggle';
import { useExpanded } from '../app/useExpanded';
import { useLocale, useT } from '../i18n/locale';
import { useBoardContext } from '../sync/SessionContext';
import { figureText } from './figureText';
import { useHealth } from './useHealth';

/**
 * The facilitator's short view of the health check on the board. Closed, it is one line naming the principles
 * that need a closer look, so the goals stay on the first screen; opened, one line per principle with its first
 * figure.
 */
export function HealthSummary() {
  const t = useT();
  const locale = useLocale();
  const headingId = useId();
  const linesId = useId();
  const [expanded, toggleExpanded] = useExpanded('health');
  const { boardId } = useBoardContext();
  const health = useHealth();
  const attention = health.data?.lines.filter((line) => line.attention) ?? [];
  return (
    <section
      className={expanded ? 'health-summary panel' : 'health-summary panel is-collapsed'}
      aria-labelledby={headingId}
      data-testid="health-summary"
    >
      <h2 id={headingId} className={expanded ? undefined : 'visually-hidden'}>
        {t('health.summaryHeading')}
      </h2>
      {!health.data && !health.error && <p role="status">{t('health.loading')}</p>}
      {health.error && <p className="alert">{t(health.error)}</p>}
      {health.data && !expanded && (
        <p className="health-summary-short" data-testid="health-summary-short">
          <strong aria-hidden="true">{t('health.summaryShort')}</strong>{' '}
          {attention.length === 0
            ? t('health.summaryFine')
            : attention.map((line, index) => (
                <span key={line.principle} className="health-summary-attention">
                  {index > 0 && ' · '}
                  <span className="health-flag" aria-hidden="true">
                    ◆
                  </span>{' '}
                  <span className="visually-hidden">{t('health.attention')}: </span>
                  {t(`health.principle.${line.principle}`)}
                </span>
              ))}
        </p>
      )}
      {health.data && expanded && (
        <ul className="health-summary-lines" id={linesId}>
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
        <ExpandToggle
          expanded={expanded}
          onToggle={toggleExpanded}
          controls={linesId}
          label={t('health.summaryHeading')}
          testId="health-expand"
        />
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
