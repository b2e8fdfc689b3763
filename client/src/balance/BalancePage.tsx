import type { VoiceBalance } from '@common-ground/shared/rules';
import { useId, useState } from 'react';
import { useBoardChanges, useRefreshing } from '../activity/useRefreshing';
import { transparencyApi } from '../app/api';
import { BoardPage } from '../board/BoardPage';
import { useLocale, useT } from '../i18n/locale';
import { TransparencyFrame } from '../network/TransparencyFrame';
import { useBoardContext } from '../sync/SessionContext';
import { BalanceBars, type BarRow } from './BalanceBars';
import { BalanceTable } from './BalanceTable';
import {
  formatPercent,
  kindEqualShare,
  MEASURES,
  type Measure,
  PERIODS,
  type Period,
  periodRange,
} from './shares';
import './balance.css';

/** /b/:boardId/balance — who was heard how much in a period, per partner and per kind of partner. */
export function BalancePage({ boardId }: { boardId: string }) {
  return (
    <BoardPage boardId={boardId}>
      <TransparencyFrame view="balance" heading="balance.heading" intro="balance.intro">
        <BalanceView />
      </TransparencyFrame>
    </BoardPage>
  );
}

function BalanceView() {
  const t = useT();
  const id = useId();
  const { boardId, token } = useBoardContext();
  const [period, setPeriod] = useState<Period>('all');
  const [custom, setCustom] = useState({ from: '', to: '' });
  const [measure, setMeasure] = useState<Measure>('total');
  const version = useBoardChanges();
  // "The last 7 days" is counted back from the moment of loading: when chosen, and after each board change.
  const balance = useRefreshing(
    () => transparencyApi.voiceBalance(boardId, token, periodRange(period, Date.now(), custom)),
    `${boardId}:${period}:${custom.from}:${custom.to}:${version}`,
  );

  return (
    <>
      <div className="balance-controls panel">
        <div className="field">
          <label htmlFor={`${id}-period`}>{t('balance.period')}</label>
          <select
            id={`${id}-period`}
            value={period}
            onChange={(e) => setPeriod(e.target.value as Period)}
            data-testid="balance-period"
          >
            {PERIODS.map((value) => (
              <option key={value} value={value}>
                {t(`balance.period.${value}`)}
              </option>
            ))}
          </select>
        </div>
        {period === 'custom' && (
          <div className="balance-custom">
            <div className="field">
              <label htmlFor={`${id}-from`}>{t('balance.from')}</label>
              <input
                id={`${id}-from`}
                type="date"
                value={custom.from}
                onChange={(e) => setCustom((c) => ({ ...c, from: e.target.value }))}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-to`}>{t('balance.to')}</label>
              <input
                id={`${id}-to`}
                type="date"
                value={custom.to}
                onChange={(e) => setCustom((c) => ({ ...c, to: e.target.value }))}
              />
            </div>
          </div>
        )}
        <fieldset className="field balance-measures">
          <legend className="label">{t('balance.measure')}</legend>
          {MEASURES.map((value) => (
            <label key={value} className="choice">
              <input
                type="radio"
                name={`${id}-measure`}
                checked={measure === value}
                onChange={() => setMeasure(value)}
                data-testid={`balance-measure-${value}`}
              />
              {t(`balance.measure.${value}`)}
            </label>
          ))}
        </fieldset>
      </div>
      {balance.error && (
        <p className="alert" role="alert">
          {t(balance.error)}
        </p>
      )}
      {!balance.data && !balance.error && <p role="status">{t('transparency.loading')}</p>}
      {balance.data && <BalanceResult balance={balance.data} measure={measure} />}
    </>
  );
}

function BalanceResult({ balance, measure }: { balance: VoiceBalance; measure: Measure }) {
  const t = useT();
  const locale = useLocale();
  const byPartnerId = useId();
  const byKindId = useId();
  if (balance.partners.length === 0) return <p className="hint">{t('balance.noPartners')}</p>;
  const partners = [...balance.partners].sort((a, b) => a.name.localeCompare(b.name, 'de'));
  const names = new Map(partners.map((p) => [p.partnerId, p.name]));
  const silent = balance.silentPartnerIds
    .map((id) => names.get(id) ?? '?')
    .sort((a, b) => a.localeCompare(b, 'de'));
  const partnerRows: BarRow[] = partners.map((p) => ({
    id: p.partnerId,
    name: p.name,
    detail: t(`kind.${p.kind}`),
    counts: p.counts,
    shares: p.shares,
    reference: balance.equalShare,
  }));
  const kindRows: BarRow[] = balance.kinds.map((k) => ({
    id: k.kind,
    name: t(`kind.${k.kind}`),
    detail: `${t('balance.kindPartners', { count: k.partners })} · ${t('balance.kindEqualShare', {
      percent: formatPercent(kindEqualShare(k.partners, balance.equalShare), locale),
    })}`,
    counts: k.counts,
    shares: k.shares,
    reference: kindEqualShare(k.partners, balance.equalShare),
  }));
  return (
    <div className="balance-result" data-testid="balance-result">
      <p className="balance-voices" data-testid="balance-silent">
        {silent.length > 0 ? t('balance.silent', { names: silent.join(', ') }) : t('balance.allHeard')}
      </p>
      {balance.totals[measure] === 0 && <p className="alert info">{t('balance.nothing')}</p>}
      <section aria-labelledby={byPartnerId} className="balance-chart panel" data-testid="balance-chart">
        <h2 id={byPartnerId}>
          {t('balance.byPartner')} – {t(`balance.measure.${measure}`)}
        </h2>
        <p className="balance-equal">
          <span className="balance-reference-key" aria-hidden="true" />
          {t('balance.equalShare', { percent: formatPercent(balance.equalShare, locale) })}.{' '}
          <span className="hint">{t('balance.equalShareHint')}</span>
        </p>
        <BalanceBars rows={partnerRows} totals={balance.totals} measure={measure} testId="balance-partners" />
      </section>
      <section aria-labelledby={byKindId} className="balance-chart panel">
        <h2 id={byKindId}>
          {t('balance.byKind')} – {t(`balance.measure.${measure}`)}
        </h2>
        <BalanceBars rows={kindRows} totals={balance.totals} measure={measure} testId="balance-kinds" />
      </section>
      {balance.unattributed.total > 0 && (
        <p className="hint">{t('balance.unattributed', { count: balance.unattributed.total })}</p>
      )}
      <BalanceTable rows={partnerRows} totals={balance.totals} />
    </div>
  );
}
