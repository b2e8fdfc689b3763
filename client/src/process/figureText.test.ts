import type { HealthFigure, KindShare } from '@common-ground/shared/api';
import { describe, expect, it } from 'vitest';
import de from '../i18n/messages/de.json';
import en from '../i18n/messages/en.json';
import { translator } from '../i18n/translate';
import { explainParams, figureText } from './figureText';

const kindBalance = (count: number, kinds: KindShare[]): HealthFigure => ({
  id: 'kindBalance',
  count,
  of: null,
  names: [],
  at: null,
  kinds,
});

const share = (kind: KindShare['kind'], count: number, total: number, quiet: boolean): KindShare => ({
  kind,
  partners: 1,
  count,
  share: count / total,
  equalShare: 1 / 2,
  quiet,
});

describe('figureText: the voice balance in the health check', () => {
  it('states the counted contributions behind every share and behind a finding', () => {
    const figure = kindBalance(12, [share('residents', 10, 12, false), share('housing', 2, 12, true)]);
    const text = figureText(figure, translator(de, 'de'), 'de');
    expect(text.kinds).toEqual([
      // Intl puts a no-break space before the percent sign.
      {
        text: 'Bewohner/inneninitiative: 10 von 12 Beiträgen · 83\u00a0% (gleicher Anteil wäre 50\u00a0%)',
        finding: null,
      },
      {
        text: 'Wohnungsunternehmen: 2 von 12 Beiträgen · 17\u00a0% (gleicher Anteil wäre 50\u00a0%)',
        finding: 'deutlich weniger zu Wort gekommen: 2 von 12 Beiträgen, bei gleichem Anteil wären es etwa 6',
      },
    ]);
    expect(text.detail).toBeNull();
    const english = figureText(figure, translator(en, 'en'), 'en');
    expect(english.kinds[1]?.finding).toBe(
      'heard much less: 2 of 12 contributions, an equal share would be about 6',
    );
  });

  it('says that too few contributions were counted to compare, and makes no finding', () => {
    const text = figureText(
      kindBalance(5, [share('residents', 5, 5, false), share('housing', 0, 5, false)]),
      translator(de, 'de'),
      'de',
    );
    expect(text.kinds.map((k) => k.finding)).toEqual([null, null]);
    expect(text.detail).toBe(
      'Noch zu wenige Beiträge für einen Vergleich: Der Check vergleicht erst ab 12 Beiträgen.',
    );
  });

  it('explains what one contribution is, with the numbers the rules use', () => {
    const t = translator(de, 'de');
    expect(t('health.explain.kindBalance', explainParams)).toContain(
      'ohne länger als 60 Sekunden zu pausieren, höchstens 10 Minuten lang. Schreiben zwei Personen gleichzeitig im selben Feld, hat jede einen Beitrag.',
    );
    expect(translator(en, 'en')('health.explain.kindBalance', explainParams)).toContain(
      'at least 12 contributions, the equal share would be at least 4 contributions',
    );
  });
});

describe('figureText: meetings say what the data shows', () => {
  const figure = (id: 'meetings' | 'sinceLastMeeting', count: number, at: number | null): HealthFigure => ({
    id,
    count,
    of: null,
    names: [],
    at,
    kinds: [],
  });
  const at = Date.UTC(2027, 2, 10, 9, 0);
  const main = (f: HealthFigure) => figureText(f, translator(de, 'de'), 'de').main;

  it('says "bisher ein Treffen" after one meeting and counts from two', () => {
    expect(main(figure('meetings', 0, null))).toBe('Noch kein Treffen festgestellt.');
    expect(main(figure('meetings', 1, at))).toBe('Bisher ein Treffen, am 10.03.2027.');
    expect(main(figure('meetings', 2, at))).toBe('2 Treffen, zuletzt am 10.03.2027.');
    expect(figureText(figure('meetings', 1, at), translator(en, 'en'), 'en').main).toMatch(
      /^One meeting so far/,
    );
  });

  it('says today, yesterday, or the number of days since the last meeting', () => {
    expect(main(figure('sinceLastMeeting', 0, at))).toBe('Das letzte Treffen war heute.');
    expect(main(figure('sinceLastMeeting', 1, at))).toBe('Das letzte Treffen war gestern.');
    expect(main(figure('sinceLastMeeting', 2, at))).toBe('Das letzte Treffen ist 2 Tage her.');
  });
});
