import type { HealthFigure, HealthLine, ProcessReportResponse } from '@common-ground/shared/api';
import {
  formatDate as date,
  KIND_LABELS,
  OUTCOME_LABELS,
  PHASE_LABELS,
  PRINCIPLE_LABELS,
} from '../markdown/labels';
import { inlineText } from '../rounds/markdown';

const percent = (x: number) => `${Math.round(x * 100)} %`;
const list = (names: readonly string[]) => (names.length ? `: ${names.map(inlineText).join(', ')}` : '');

/** One plain sentence per figure, with the numbers behind it. */
function figureText(f: HealthFigure): string {
  switch (f.id) {
    case 'profiles':
      return `${f.count} von ${f.of} Partner/innen haben ein Profil ausgefüllt`;
    case 'residents':
      return f.count === 0
        ? 'Keine Bewohner/inneninitiative am Tisch'
        : `Bewohner/inneninitiativen am Tisch${list(f.names)}`;
    case 'unseen':
      if (f.of === 0) return 'Seit dem letzten Treffen hat sich auf dem Board nichts geändert';
      return `${f.count} von ${f.of} Änderungen seit dem letzten Treffen hat mindestens eine Partnerorganisation noch nicht gesehen${list(f.names)}`;
    case 'openObjections':
      return `${f.count} Einwände ohne Antwort oder Änderung${list(f.names)}`;
    case 'structured':
      return `${f.count} von ${f.of} vereinbarten Zielen haben Federführung, Beiträge und Überprüfungstermin`;
    case 'agreed':
      return `${f.count} von ${f.of} Zielen vereinbart`;
    case 'roundsPerAgreed':
      return `Konsensrunden insgesamt: ${f.count}, vereinbarte Ziele: ${f.of}`;
    case 'amended':
      if (f.of === 0) return 'Bisher hat kein Ziel einen Einwand bekommen';
      return `${f.count} von ${f.of} Zielen mit Einwand wurden nach einer Änderung vereinbart`;
    case 'meetings':
      if (f.at === null) return 'Noch kein Treffen';
      return f.count === 1
        ? `Bisher ein Treffen, am ${date(f.at)}`
        : `${f.count} Treffen, zuletzt am ${date(f.at)}`;
    case 'sinceLastMeeting':
      if (f.at === null) return 'Noch kein Treffen';
      if (f.count === 0) return 'Das letzte Treffen war heute';
      return f.count === 1 ? 'Das letzte Treffen war gestern' : `${f.count} Tage seit dem letzten Treffen`;
    case 'kindBalance':
      return `Anteil an ${f.count} Beiträgen nach Art: ${f.kinds
        .map((k) => `${KIND_LABELS[k.kind]} ${percent(k.share)} (gleicher Anteil ${percent(k.equalShare)})`)
        .join('; ')}`;
    case 'noStance':
      return `${f.count} von ${f.of} Partner/innen haben noch nie ihre Haltung abgegeben${list(f.names)}`;
  }
}

function healthSection(lines: readonly HealthLine[]): string[] {
  return lines.flatMap((l) => [
    `### ${PRINCIPLE_LABELS[l.principle]}${l.attention ? ' (genauer ansehen)' : ''}`,
    '',
    ...l.figures.map((f) => `- ${figureText(f)}`),
    '',
  ]);
}

/** The process report as German Markdown, e.g. for a funder's report. */
export function processReportMarkdown(report: ProcessReportResponse): string {
  const lines = [
    `# Prozessbericht: ${inlineText(report.title)}`,
    '',
    `Stand: ${date(report.generatedAt)} · Board angelegt am ${date(report.boardCreatedAt)} · ` +
      `aktuelle Phase: ${PHASE_LABELS[report.phase]}`,
    '',
    '## Kooperationspartner/innen',
    '',
    ...report.partners.map((p) => `- ${inlineText(p.name)} (${KIND_LABELS[p.kind]})`),
    ...(report.partners.length === 0 ? ['Noch keine Kooperationspartner/innen.'] : []),
    '',
    '## Phasen',
    '',
    ...report.phases.map(
      (p) => `- ${PHASE_LABELS[p.phase]}: ${date(p.from)} bis ${p.to === null ? 'heute' : date(p.to)}`,
    ),
    '',
    '## Konsensrunden',
    '',
    ...report.rounds.map(
      (r) =>
        `- ${inlineText(r.goalTitle)}, Runde ${r.number}, ${date(r.openedAt)}: ` +
        `${r.outcome ? OUTCOME_LABELS[r.outcome] : 'läuft noch'} (${r.responded} von ${r.eligible} Haltungen abgegeben)`,
    ),
    ...(report.rounds.length === 0 ? ['Noch keine Konsensrunden.'] : []),
    '',
    '## Gesundheitscheck',
    '',
    ...healthSection(report.health.lines),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
