import type {
  HealthFigure,
  HealthLine,
  HealthPrinciple,
  PartnerKind,
  ProcessPhase,
  ProcessReportResponse,
  RoundOutcome,
} from '@common-ground/shared';
import { inlineText } from '../rounds/markdown';

/** German labels for the Markdown report (the UI's texts live in the client's i18n files). */
const PHASES: Readonly<Record<ProcessPhase, string>> = {
  inventory: 'Bestandsaufnahme',
  collect: 'Ziele sammeln',
  negotiate: 'Aushandeln',
  agree: 'Vereinbaren',
  review: 'Überprüfen',
};
const PRINCIPLES: Readonly<Record<HealthPrinciple, string>> = {
  network: 'Netzwerk-Bestandsaufnahme',
  transparency: 'Transparente Kommunikation',
  structures: 'Klare Strukturen',
  goals: 'Gemeinsame Ziele',
  organisation: 'Prozessorganisation',
  legitimation: 'Legitimation und Machtbalance',
};
const KINDS: Readonly<Record<PartnerKind, string>> = {
  residents: 'Bewohner/inneninitiative',
  welfare: 'Wohlfahrtsverband / freier Träger',
  housing: 'Wohnungsunternehmen',
  municipality: 'Kommune / Verwaltung',
  school: 'Schule',
  business: 'Gewerbe',
  other: 'Sonstige',
};
const OUTCOMES: Readonly<Record<RoundOutcome, string>> = {
  agreed: 'vereinbart',
  objected: 'Einwand',
  no_quorum: 'zu wenige Stellungnahmen',
  invalidated: 'abgebrochen (Wortlaut geändert)',
};

const dateFormat = new Intl.DateTimeFormat('de-DE', {
  timeZone: 'Europe/Berlin',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const date = (ms: number) => dateFormat.format(new Date(ms));
const percent = (x: number) => `${Math.round(x * 100)} %`;
const list = (names: readonly string[]) => (names.length ? `: ${names.map(inlineText).join(', ')}` : '');

/** One plain sentence per figure, with the numbers behind it. */
function figureText(f: HealthFigure): string {
  switch (f.id) {
    case 'profiles':
      return `${f.count} von ${f.of} Partnern haben ein Profil ausgefüllt`;
    case 'residents':
      return f.count === 0
        ? 'Keine Bewohner/inneninitiative am Tisch'
        : `Bewohner/inneninitiativen am Tisch${list(f.names)}`;
    case 'unseen':
      if (f.of === 0) return 'Seit dem letzten Treffen hat sich auf dem Board nichts geändert';
      return `${f.count} von ${f.of} Änderungen seit dem letzten Treffen hat mindestens ein Partner noch nicht gesehen${list(f.names)}`;
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
      return `${f.count} Treffen${f.at === null ? '' : `, zuletzt am ${date(f.at)}`}`;
    case 'sinceLastMeeting':
      if (f.at === null) return 'Noch kein Treffen';
      return f.count === 0 ? 'Das letzte Treffen war heute' : `${f.count} Tage seit dem letzten Treffen`;
    case 'kindBalance':
      return `Anteil an ${f.count} Beiträgen nach Art: ${f.kinds
        .map((k) => `${KINDS[k.kind]} ${percent(k.share)} (gleicher Anteil ${percent(k.equalShare)})`)
        .join('; ')}`;
    case 'noStance':
      return `${f.count} von ${f.of} Partnern haben noch nie Stellung genommen${list(f.names)}`;
  }
}

function healthSection(lines: readonly HealthLine[]): string[] {
  return lines.flatMap((l) => [
    `### ${PRINCIPLES[l.principle]}${l.attention ? ' (genauer ansehen)' : ''}`,
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
      `aktuelle Phase: ${PHASES[report.phase]}`,
    '',
    '## Kooperationspartner',
    '',
    ...report.partners.map((p) => `- ${inlineText(p.name)} (${KINDS[p.kind]})`),
    ...(report.partners.length === 0 ? ['Noch keine Kooperationspartner.'] : []),
    '',
    '## Phasen',
    '',
    ...report.phases.map(
      (p) => `- ${PHASES[p.phase]}: ${date(p.from)} bis ${p.to === null ? 'heute' : date(p.to)}`,
    ),
    '',
    '## Konsensrunden',
    '',
    ...report.rounds.map(
      (r) =>
        `- ${inlineText(r.goalTitle)}, Runde ${r.number}, ${date(r.openedAt)}: ` +
        `${r.outcome ? OUTCOMES[r.outcome] : 'läuft noch'} (${r.responded} von ${r.eligible} Stellungnahmen)`,
    ),
    ...(report.rounds.length === 0 ? ['Noch keine Konsensrunden.'] : []),
    '',
    '## Gesundheitscheck',
    '',
    ...healthSection(report.health.lines),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
