import type { ProcessReportResponse } from '@common-ground/shared/api';
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { ApiError } from '../app/apiError';
import { errorMessageKey } from '../app/errorMessage';
import { useRememberedBoards } from '../app/rememberedBoards';
import { Shell } from '../app/Shell';
import type { MessageKey } from '../i18n/catalogues';
import { useLocale, useT } from '../i18n/locale';
import { formatDate, formatDateTime } from '../rounds/format';
import { processApi } from './api';
import { HealthList } from './HealthList';
import { phaseName } from './phases';
import './process.css';

/** The Markdown needs the token in a header: fetched once (per language) and offered as a blob URL. */
function useReportMarkdown(boardId: string, token: string | null): string | null {
  const locale = useLocale();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!token) return;
    let active = true;
    let created: string | null = null;
    fetch(processApi.reportMarkdownPath(boardId, locale), { headers: { authorization: `Bearer ${token}` } })
      .then((response) => (response.ok ? response.blob() : null))
      .then(
        (blob) => {
          if (!active || !blob) return;
          created = URL.createObjectURL(blob);
          setUrl(created);
        },
        // Without the file the page still prints; the link simply does not appear.
        () => undefined,
      );
    return () => {
      active = false;
      if (created) URL.revokeObjectURL(created);
    };
  }, [boardId, token, locale]);
  return url;
}

/** /b/:boardId/report — the facilitator's printable process report (phases, rounds, health check). */
export function ReportPage({ boardId }: { boardId: string }) {
  const t = useT();
  const board = useRememberedBoards((s) => s.boards.find((b) => b.boardId === boardId));
  const token = board?.token ?? null;
  const [report, setReport] = useState<ProcessReportResponse | null>(null);
  const [error, setError] = useState<MessageKey | null>(null);
  const markdownUrl = useReportMarkdown(boardId, report ? token : null);

  useEffect(() => {
    if (!token) return;
    let active = true;
    processApi.report(boardId, token).then(
      (loaded) => active && setReport(loaded),
      (failure: unknown) => {
        if (!active) return;
        const forbidden =
          failure instanceof ApiError && failure.failure.kind === 'http' && failure.failure.status === 403;
        setError(forbidden ? 'report.forbidden' : errorMessageKey(failure));
      },
    );
    return () => {
      active = false;
    };
  }, [boardId, token]);

  useEffect(() => {
    if (report) document.title = `${t('report.heading')} – ${report.title}`;
  }, [report, t]);

  const actions = (
    <>
      <Link href={`/b/${boardId}`} className="button subtle">
        {t('transparency.backToBoard')}
      </Link>
      {report && (
        <button
          type="button"
          className="button secondary"
          onClick={() => window.print()}
          data-testid="report-print"
        >
          {t('report.print')}
        </button>
      )}
      {markdownUrl && (
        <a
          className="button secondary"
          href={markdownUrl}
          download={`prozessbericht-${boardId}.md`}
          data-testid="report-markdown"
        >
          {t('report.markdown')}
        </a>
      )}
    </>
  );

  return (
    <Shell actions={actions}>
      <div className="page report" data-testid="report-page">
        {!token && <p className="alert">{t('board.noAccessText')}</p>}
        {error && (
          <p className="alert" role="alert">
            {t(error)}
          </p>
        )}
        {token && !report && !error && <p role="status">{t('report.loading')}</p>}
        {report && <ReportDocument report={report} />}
      </div>
    </Shell>
  );
}

function ReportDocument({ report }: { report: ProcessReportResponse }) {
  const t = useT();
  const locale = useLocale();
  return (
    <article className="report-document">
      <header>
        <p className="agreement-kicker">{t('report.heading')}</p>
        <h1 data-testid="report-title">{report.title}</h1>
        <p className="hint">{t('report.generated', { date: formatDateTime(report.generatedAt, locale) })}</p>
        <p>{t('report.intro')}</p>
      </header>
      <section>
        <h2>{t('report.partners')}</h2>
        <ul>
          {report.partners.map((p) => (
            <li key={p.name}>
              {p.name} <span className="hint">({t(`kind.${p.kind}`)})</span>
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h2>{t('report.phases')}</h2>
        <ol className="report-phases" data-testid="report-phases">
          {report.phases.map((stay) => (
            <li key={`${stay.phase}-${stay.from}`}>
              <strong>{t(phaseName(stay.phase))}</strong>:{' '}
              {t('report.phaseRange', {
                from: formatDate(stay.from, locale),
                to: stay.to === null ? t('report.today') : formatDate(stay.to, locale),
              })}
            </li>
          ))}
        </ol>
      </section>
      <section>
        <h2>{t('report.rounds')}</h2>
        {report.rounds.length === 0 && <p>{t('report.noRounds')}</p>}
        <ul data-testid="report-rounds">
          {report.rounds.map((r) => (
            <li key={`${r.goalId}-${r.number}`}>
              {t('report.round', {
                goal: r.goalTitle,
                number: r.number,
                date: formatDate(r.openedAt, locale),
              })}
              :{' '}
              {t('report.roundResult', {
                outcome: r.outcome ? t(`report.outcome.${r.outcome}`) : t('report.running'),
                responded: r.responded,
                eligible: r.eligible,
              })}
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h2>{t('health.heading')}</h2>
        <HealthList health={report.health} headingLevel={3} />
      </section>
    </article>
  );
}
