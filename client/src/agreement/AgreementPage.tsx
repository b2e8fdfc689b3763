import type { AgreedGoal, AgreementResponse, Partner } from '@common-ground/shared/api';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'wouter';
import { roundsApi } from '../app/api';
import { errorMessageKey } from '../app/errorMessage';
import { Hyphenated } from '../app/hyphenation';
import { useRememberedBoards } from '../app/rememberedBoards';
import { Shell } from '../app/Shell';
import type { MessageKey } from '../i18n/catalogues';
import type { Locale } from '../i18n/languages';
import { useLocale, useT } from '../i18n/locale';
import { HealthAppendix } from '../process/HealthAppendix';
import { formatDate, formatDateTime } from '../rounds/format';
import { ruleSummary } from '../rounds/ruleText';
import { AgreedGoalView } from './AgreedGoalView';
import { SignatureSection } from './SignatureSection';
import { useMarkdownDownload } from './useMarkdownDownload';
import './agreement.css';

/** The cooperation agreement: every agreed goal with its structure and the round that decided it; printable. */
export function AgreementPage({ boardId }: { boardId: string }) {
  const t = useT();
  const board = useRememberedBoards((s) => s.boards.find((b) => b.boardId === boardId));
  const token = board?.token ?? null;
  const [agreement, setAgreement] = useState<AgreementResponse | null>(null);
  const [error, setError] = useState<MessageKey | null>(null);
  // Off by default: the appendix is longer than the agreement itself, and not every signing needs it.
  const [withHealth, setWithHealth] = useState(false);
  const loadMarkdown = useCallback(
    (locale: Locale) => roundsApi.agreementMarkdown(boardId, token ?? '', locale),
    [boardId, token],
  );
  const markdownUrl = useMarkdownDownload(agreement && token ? loadMarkdown : null);

  useEffect(() => {
    if (!token) return;
    let active = true;
    roundsApi.agreement(boardId, token).then(
      (loaded) => active && setAgreement(loaded),
      (failure: unknown) => active && setError(errorMessageKey(failure)),
    );
    return () => {
      active = false;
    };
  }, [boardId, token]);

  useEffect(() => {
    if (agreement) document.title = `${t('agreement.heading')} – ${agreement.title}`;
  }, [agreement, t]);

  const actions = (
    <>
      <Link href={`/b/${boardId}`} className="button subtle">
        {t('agreement.backToBoard')}
      </Link>
      {agreement && (
        <button type="button" className="button secondary" onClick={() => window.print()} data-testid="print">
          {t('agreement.print')}
        </button>
      )}
      {markdownUrl && (
        <a
          className="button secondary"
          href={markdownUrl}
          download={`kooperationsvereinbarung-${boardId}.md`}
          data-testid="markdown-download"
        >
          {t('agreement.markdown')}
        </a>
      )}
    </>
  );

  return (
    <Shell actions={actions}>
      <div className="page agreement" data-testid="agreement-page">
        {!token && <p className="alert">{t('board.noAccessText')}</p>}
        {error && (
          <p className="alert" role="alert">
            {t(error)}
          </p>
        )}
        {token && !agreement && !error && <p role="status">{t('agreement.loading')}</p>}
        {agreement && (
          <label className="agreement-option screen-only">
            <input
              type="checkbox"
              checked={withHealth}
              onChange={(e) => setWithHealth(e.target.checked)}
              data-testid="agreement-with-health"
            />{' '}
            {t('agreement.withHealth')}
          </label>
        )}
        {agreement && <AgreementDocument agreement={agreement} />}
        {agreement && token && withHealth && <HealthAppendix boardId={boardId} token={token} />}
      </div>
    </Shell>
  );
}

function AgreementDocument({ agreement }: { agreement: AgreementResponse }) {
  const t = useT();
  const locale = useLocale();
  const partnerNames = new Map(agreement.partners.map((p: Partner) => [p.id, p.name]));
  return (
    <article className="agreement-document">
      <header className="agreement-header">
        <p className="agreement-kicker">
          <Hyphenated text={t('agreement.heading')} />
        </p>
        <h1 data-testid="agreement-title">
          <Hyphenated text={agreement.title} />
        </h1>
        <p className="hint">
          {t('agreement.generated', { date: formatDateTime(agreement.generatedAt, locale) })}
        </p>
      </header>
      <section className="agreement-partners">
        <h2>{t('agreement.partners')}</h2>
        <ul>
          {agreement.partners.map((p) => (
            <li key={p.id}>
              <bdi>
                <Hyphenated text={p.name} />
              </bdi>{' '}
              <span className="hint">({t(`kind.${p.kind}`)})</span>
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h2>{t('agreement.goals', { count: agreement.goals.length })}</h2>
        {agreement.goals.length === 0 && <p>{t('agreement.none')}</p>}
        {agreement.goals.map((goal: AgreedGoal, index) => (
          <AgreedGoalView
            key={goal.goalId}
            goal={goal}
            index={index + 1}
            partnerNames={partnerNames}
            decided={t('agreement.decided', {
              number: goal.round.number,
              date: formatDate(goal.round.closedAt, locale),
              rule: ruleSummary(goal.round.rule, t),
            })}
          />
        ))}
      </section>
      <SignatureSection partners={agreement.partners} />
    </article>
  );
}
