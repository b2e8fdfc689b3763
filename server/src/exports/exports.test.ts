import {
  type AgreedGoal,
  type AgreementResponse,
  HEALTH_FIGURES,
  type HealthFigure,
  LOCALES,
  type ProcessReportResponse,
} from '@common-ground/shared/api';
import { DEFAULT_DECISION_RULE } from '@common-ground/shared/rules';
import { describe, expect, it } from 'vitest';
import { processReportMarkdown } from '../process/reportMarkdown';
import { agreementMarkdown } from '../rounds/agreementMarkdown';
import { EXPORT_TAGS } from './catalogues';
import { exportText } from './text';

const AT = Date.UTC(2027, 2, 10, 9, 0);
const FSI = '\u2068';
const PDI = '\u2069';

const goal: AgreedGoal = {
  goalId: 'goal-1',
  wording: { title: 'Spielplatz sanieren', description: 'Neue Geräte bis 2027', hash: 'a'.repeat(64) },
  changedSinceAgreement: true,
  changes: [
    { part: 'wording', agreed: { title: 'a', description: 'b' }, current: { title: 'a', description: 'c' } },
    { part: 'lead', agreed: 'mv', current: null },
    { part: 'commitment', partnerId: 'wb', agreed: 'Stellt 20.000 € bereit', current: null },
    { part: 'reviewDate', agreed: '2027-06-30', current: null },
  ],
  structureFrozen: false,
  round: {
    id: 'round-1',
    number: 2,
    openedAt: AT,
    closedAt: AT,
    visibility: 'open',
    rule: DEFAULT_DECISION_RULE,
    tally: { agree: 1, concerns: 1, stand_aside: 0, object: 0, responded: 2, eligible: 3 },
  },
  stances: [
    {
      partnerId: 'mv',
      stance: 'agree',
      recordedBy: 'p1',
      recordedByFacilitator: true,
      at: AT,
      provisional: { until: AT },
    },
    {
      partnerId: null,
      stance: 'concerns',
      reason: 'Budget prüfen',
      recordedBy: null,
      recordedByFacilitator: false,
    },
  ],
  concerns: [],
  leadPartnerId: 'mv',
  commitments: [{ partnerId: 'wb', text: 'Stellt 20.000 € bereit' }],
  reviewDate: '2027-06-30',
  reviewDue: true,
};

const agreement: AgreementResponse = {
  boardId: 'board-1',
  title: 'Runder Tisch Südstadt',
  generatedAt: AT,
  partners: [
    { id: 'mv', name: 'Mieterverein Südstadt', kind: 'residents' },
    { id: 'wb', name: 'Wohnbau GmbH', kind: 'housing' },
  ],
  goals: [goal],
};

const figure = (id: HealthFigure['id'], count: number): HealthFigure => ({
  id,
  count,
  of: 5,
  names: ['Mieterverein Südstadt', 'Wohnbau GmbH'],
  at: AT,
  kinds: [{ kind: 'residents', partners: 1, count: 2, share: 0.25, equalShare: 0.5, quiet: true }],
});

const report: ProcessReportResponse = {
  boardId: 'board-1',
  title: 'Runder Tisch Südstadt',
  generatedAt: AT,
  boardCreatedAt: AT,
  phase: 'negotiate',
  phases: [
    { phase: 'inventory', from: AT, to: AT },
    { phase: 'negotiate', from: AT, to: null },
  ],
  partners: agreement.partners.map(({ name, kind }) => ({ name, kind })),
  rounds: [
    {
      goalId: 'goal-1',
      goalTitle: 'Spielplatz sanieren',
      number: 1,
      openedAt: AT,
      closedAt: AT,
      outcome: 'objected',
      responded: 2,
      eligible: 2,
    },
    {
      goalId: 'goal-1',
      goalTitle: 'Spielplatz sanieren',
      number: 2,
      openedAt: AT,
      closedAt: null,
      outcome: null,
      responded: 0,
      eligible: 2,
    },
  ],
  health: {
    generatedAt: AT,
    lines: [
      {
        principle: 'organisation',
        attention: true,
        suggestion: 'organisation.ok',
        // Every figure, each with a count that takes a plural's "other" form and one that takes "=1".
        figures: HEALTH_FIGURES.flatMap((id) => [figure(id, 3), figure(id, 1)]),
      },
    ],
  },
};

describe('Markdown exports in every language', () => {
  it.each(LOCALES)('%s: both documents render every line, with no message left unformatted', (locale) => {
    const text = exportText(locale);
    for (const markdown of [agreementMarkdown(agreement, text), processReportMarkdown(report, text)]) {
      expect(markdown).not.toMatch(/[{}]/);
      expect(markdown).toContain('Spielplatz sanieren');
      expect(markdown).toContain('Mieterverein Südstadt');
      expect(markdown).toContain(text.date(AT));
    }
  });

  it('writes the agreement in Turkish: translated headings and terms around the original wording', () => {
    const markdown = agreementMarkdown(agreement, exportText('tr'));
    expect(markdown).toMatch(/^# İş birliği anlaşması: Runder Tisch Südstadt\n/);
    expect(markdown).toContain('## İş birliği ortakları');
    expect(markdown).toContain('- Mieterverein Südstadt (Mahalle sakinleri girişimi)');
    expect(markdown).toContain('## Uzlaşılan hedefler');
    expect(markdown).toContain('### 1. Spielplatz sanieren\n\nNeue Geräte bis 2027\n');
    expect(markdown).toContain('#### Tutumlar');
    expect(markdown).toContain('- Mieterverein Südstadt: Onay (geçici, 10.03.2027 tarihine kadar)');
    expect(markdown).toContain('- Bir ortak (anonim): Çekince – “Budget prüfen”');
    expect(markdown).toContain('- Gözden geçirme: 30.06.2027 **(zamanı geldi)**');
    expect(markdown).not.toContain('Kooperationsvereinbarung');
  });

  it('writes the agreement in Arabic, right to left, with the original wording and isolated German names', () => {
    const markdown = agreementMarkdown(agreement, exportText('ar'));
    expect(markdown).toMatch(/^# اتفاقية التعاون: /);
    expect(markdown).toContain('## الجهات الشريكة في التعاون');
    expect(markdown).toContain('## الأهداف المتَّفق عليها');
    expect(markdown).toContain('#### المواقف');
    // The binding wording is the original, unchanged and not wrapped in anything.
    expect(markdown).toContain('### 1. Spielplatz sanieren\n\nNeue Geräte bis 2027\n');
    // A German name inside an Arabic sentence keeps its own direction (first strong isolate).
    const date = exportText('ar').date(AT);
    expect(markdown).toContain(
      `- ${FSI}Mieterverein Südstadt${PDI}: موافقة (مؤقت، حتى ${date}) (سجّله الميسِّر)`,
    );
    expect(markdown).toMatch(/^# اتفاقية التعاون: \u2068Runder Tisch Südstadt\u2069\n/);
    expect(markdown).toContain(`«${FSI}Budget prüfen${PDI}»`);
    // Markdown syntax stays at the line starts, in the order a Markdown reader needs.
    for (const line of markdown.split('\n').filter((l) => l.trim() !== '')) {
      expect(line, line).toMatch(/^(#{1,4} |- | {2}- |[^\s#*-])/);
    }
  });

  it('formats dates and numbers as the language writes them', () => {
    expect(exportText('de').date(AT)).toBe('10.03.2027');
    expect(exportText('en').date(AT)).toBe('10/03/2027');
    expect(exportText('de').day('2027-06-30')).toBe('30.06.2027');
    for (const locale of LOCALES) {
      const expected = new Intl.DateTimeFormat(EXPORT_TAGS[locale], {
        timeZone: 'Europe/Berlin',
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
      }).format(AT);
      expect(exportText(locale).date(AT), locale).toBe(expected);
    }
    // Persian digits for Persian readers, in the counts as in the dates.
    const persian = processReportMarkdown(report, exportText('fa'));
    expect(persian).toContain('۳ از ۵ شریک پروفایل خود را پر کرده‌اند');
    expect(exportText('de').t('fig.kindShare', { kind: 'X', share: 0.25, equal: 0.5 })).toBe(
      'X: 25\u00a0% (gleicher Anteil 50\u00a0%)',
    );
  });

  it('uses each language’s plural forms', () => {
    const count = (locale: (typeof LOCALES)[number], n: number) =>
      exportText(locale).t('fig.openObjections', { count: n });
    expect(count('de', 1)).toBe('1 Einwand ohne Antwort oder Änderung');
    expect(count('de', 2)).toBe('2 Einwände ohne Antwort oder Änderung');
    expect(count('ru', 2)).toBe('2 возражения без ответа или изменения');
    expect(count('ru', 5)).toBe('5 возражений без ответа или изменения');
    expect(count('uk', 21)).toBe('21 заперечення без відповіді чи зміни');
    expect(count('pl', 5)).toBe('5 sprzeciwów bez odpowiedzi lub zmiany');
    expect(count('ar', 2)).toBe('اعتراضان دون رد أو تعديل');
  });

  it('gives Einfache Sprache the standard German text wherever it rewrites nothing', () => {
    expect(agreementMarkdown(agreement, exportText('de-simple'))).toBe(agreementMarkdown(agreement));
    expect(processReportMarkdown(report, exportText('de-simple'))).toBe(processReportMarkdown(report));
  });
});
