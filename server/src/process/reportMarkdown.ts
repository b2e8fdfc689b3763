import type { HealthFigure, HealthLine, ProcessReportResponse } from '@common-ground/shared/api';
import { type ExportText, exportText } from '../exports/text';

/**
 * One plain sentence per figure, with the numbers behind it and the names it concerns; the kind balance adds a
 * nested list item per kind of partner.
 */
function figureLines(text: ExportText, f: HealthFigure): [string, ...string[]] {
  const { t } = text;
  const counted = { count: f.count, of: f.of ?? 0 };
  const named = (sentence: string) =>
    f.names.length === 0
      ? sentence
      : t('named', { text: sentence, names: text.list(f.names.map(text.user)) });
  switch (f.id) {
    case 'profiles':
      return [t('fig.profiles', counted)];
    case 'residents':
      return [f.count === 0 ? t('fig.residents.none') : named(t('fig.residents'))];
    case 'unseen':
      return [f.of === 0 ? t('fig.unseen.none') : named(t('fig.unseen', counted))];
    case 'openObjections':
      return [named(t('fig.openObjections', { count: f.count }))];
    case 'structured':
      return [t('fig.structured', counted)];
    case 'agreed':
      return [t('fig.agreed', counted)];
    case 'roundsPerAgreed':
      return [t('fig.roundsPerAgreed', counted)];
    case 'amended':
      return [f.of === 0 ? t('fig.amended.none') : t('fig.amended', counted)];
    case 'meetings':
      return [
        f.at === null ? t('fig.meetings.none') : t('fig.meetings', { count: f.count, date: text.date(f.at) }),
      ];
    case 'sinceLastMeeting':
      if (f.at === null) return [t('fig.meetings.none')];
      return [
        f.count === 0 ? t('fig.sinceLastMeeting.today') : t('fig.sinceLastMeeting', { count: f.count }),
      ];
    case 'kindBalance':
      return [
        t('fig.kindBalance', { count: f.count }),
        ...f.kinds.map(
          (k) =>
            `  - ${t('fig.kindShare', { kind: text.kind(k.kind), share: k.share, equal: k.equalShare })}`,
        ),
      ];
    case 'noStance':
      return [named(t('fig.noStance', counted))];
  }
}

function healthSection(text: ExportText, lines: readonly HealthLine[]): string[] {
  return lines.flatMap((l) => [
    `### ${text.principle(l.principle)}${l.attention ? ` (${text.t('report.attention')})` : ''}`,
    '',
    ...l.figures.flatMap((f) => {
      const [sentence, ...items] = figureLines(text, f);
      return [`- ${sentence}`, ...items];
    }),
    '',
  ]);
}

/** The process report as Markdown, e.g. for a funder's report, in the requester's language (German unless given). */
export function processReportMarkdown(
  report: ProcessReportResponse,
  text: ExportText = exportText(),
): string {
  const { t } = text;
  const lines = [
    `# ${t('report.heading', { title: text.user(report.title) })}`,
    '',
    [
      t('asOf', { date: text.date(report.generatedAt) }),
      t('report.boardCreated', { date: text.date(report.boardCreatedAt) }),
      t('report.currentPhase', { phase: text.phase(report.phase) }),
    ].join(' · '),
    '',
    `## ${t('partners')}`,
    '',
    ...report.partners.map(
      (p) => `- ${t('partner.withKind', { name: text.user(p.name), kind: text.kind(p.kind) })}`,
    ),
    ...(report.partners.length === 0 ? [t('partners.none')] : []),
    '',
    `## ${t('report.phases')}`,
    '',
    ...report.phases.map(
      (p) =>
        `- ${t('report.phase', {
          phase: text.phase(p.phase),
          from: text.date(p.from),
          to: p.to === null ? t('report.today') : text.date(p.to),
        })}`,
    ),
    '',
    `## ${t('report.rounds')}`,
    '',
    ...report.rounds.map(
      (r) =>
        `- ${t('report.round', {
          goal: text.user(r.goalTitle),
          number: r.number,
          date: text.date(r.openedAt),
          outcome: r.outcome ? text.outcome(r.outcome) : t('report.round.running'),
          responded: r.responded,
          eligible: r.eligible,
        })}`,
    ),
    ...(report.rounds.length === 0 ? [t('report.rounds.none')] : []),
    '',
    `## ${t('report.health')}`,
    '',
    ...healthSection(text, report.health.lines),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
