import type { HealthFigure } from '@common-ground/shared/api';
import {
  CONTRIBUTION_GAP_MS,
  CONTRIBUTION_SPAN_MS,
  VOICE_FINDING_MIN_EXPECTED,
  VOICE_FINDING_MIN_TOTAL,
} from '@common-ground/shared/rules';
import { intlTag, type Locale } from '../i18n/languages';
import type { Translate } from '../i18n/translate';
import { formatDate } from '../rounds/format';

export interface FigureText {
  /** The figure in one sentence, with its numbers. */
  readonly main: string;
  /** The names behind it (partners alphabetically, goals in board order), if any. */
  readonly detail: string | null;
  /**
   * One line per kind of partner (voice balance only), with the finding "heard much less" where the health check
   * made it — always with the counted figures behind it.
   */
  readonly kinds: readonly { readonly text: string; readonly finding: string | null }[];
}

/** The numbers the explanation of a figure names: the rules, from where they are enforced. */
export const explainParams = {
  gap: CONTRIBUTION_GAP_MS / 1000,
  span: CONTRIBUTION_SPAN_MS / 60_000,
  min: VOICE_FINDING_MIN_TOTAL,
  expected: VOICE_FINDING_MIN_EXPECTED,
};

const percent = (x: number, locale: Locale) =>
  new Intl.NumberFormat(intlTag(locale), {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(x);
const decimal = (x: number, locale: Locale) =>
  new Intl.NumberFormat(intlTag(locale), { maximumFractionDigits: 1 }).format(x);

/** A figure of the health check in plain words. */
export function figureText(f: HealthFigure, t: Translate, locale: Locale): FigureText {
  const base = { count: f.count, of: f.of ?? 0 };
  const names = f.names.join(', ');
  const text = (main: string, detailKey?: Parameters<Translate>[0]): FigureText => ({
    main,
    detail: detailKey && f.names.length > 0 ? t(detailKey, { names }) : null,
    kinds: [],
  });
  switch (f.id) {
    case 'profiles':
      return text(t('health.fig.profiles', base));
    case 'residents':
      return text(f.count === 0 ? t('health.fig.residentsNone') : t('health.fig.residents', { names }));
    case 'unseen':
      return f.of === 0
        ? text(t('health.fig.unseenNone'))
        : text(t('health.fig.unseen', base), 'health.fig.unseenNames');
    case 'openObjections':
      return text(t('health.fig.openObjections', base), 'health.fig.openObjectionsNames');
    case 'structured':
      return text(t('health.fig.structured', base), 'health.fig.structuredNames');
    case 'agreed':
      return text(t('health.fig.agreed', base));
    case 'roundsPerAgreed':
      return text(
        f.of
          ? t('health.fig.roundsPerAgreed', { ...base, average: decimal(f.count / f.of, locale) })
          : t('health.fig.roundsPerAgreedNone'),
      );
    case 'amended':
      return text(f.of === 0 ? t('health.fig.amendedNone') : t('health.fig.amended', base));
    case 'meetings':
      if (f.at === null) return text(t('health.fig.meetingsNone'));
      return text(
        t('health.fig.meetings', {
          count: f.count,
          date: formatDate(f.at, locale),
        }),
      );
    case 'sinceLastMeeting':
      if (f.at === null) return text(t('health.fig.sinceLastMeetingNone'));
      if (f.count === 0) return text(t('health.fig.sinceLastMeetingToday'));
      return text(t('health.fig.sinceLastMeeting', base));
    case 'kindBalance':
      if (f.count === 0) return text(t('health.fig.kindBalanceNone'));
      return {
        main: t('health.fig.kindBalance', base),
        detail: f.count < VOICE_FINDING_MIN_TOTAL ? t('health.fig.kindBalanceTooFew', explainParams) : null,
        kinds: f.kinds.map((k) => {
          const counted = { count: k.count, total: f.count };
          return {
            text: t('health.fig.kindShare', {
              ...counted,
              kind: t(`kind.${k.kind}`),
              share: percent(k.share, locale),
              equal: percent(k.equalShare, locale),
            }),
            finding: k.quiet
              ? t('health.fig.kindQuiet', { ...counted, expected: decimal(f.count * k.equalShare, locale) })
              : null,
          };
        }),
      };
    case 'noStance':
      return text(t('health.fig.noStance', base), 'health.fig.noStanceNames');
  }
}
