import type {
  AgreedGoal,
  AgreementChange,
  AgreementResponse,
  Partner,
  RecordedStance,
} from '@common-ground/shared/api';
import { formatDate, KIND_LABELS, RULE_LABELS, STANCE_LABELS } from '../markdown/labels';
import { blockText, inlineText } from './markdown';

/** 'YYYY-MM-DD' → 'DD.MM.YYYY' */
const formatDay = (day: string): string => day.split('-').reverse().join('.');

function goalSection(goal: AgreedGoal, index: number, partnerName: (id: string | null) => string): string[] {
  const { round } = goal;
  const lines = [`### ${index + 1}. ${inlineText(goal.wording.title)}`, ''];
  if (goal.wording.description.trim()) lines.push(blockText(goal.wording.description), '');
  lines.push(
    `- Vereinbart in Konsensrunde ${round.number} am ${formatDate(round.closedAt)} ` +
      `(Entscheidungsregel: ${RULE_LABELS[round.rule.kind]}; ${round.tally.responded} von ` +
      `${round.tally.eligible} Partner/innen haben ihre Haltung abgegeben)`,
  );
  if (goal.changedSinceAgreement) {
    lines.push('- **Seit der Vereinbarung geändert** – eine neue Konsensrunde ist nötig:');
    for (const change of goal.changes) lines.push(`  - ${changeLine(change, partnerName)}`);
  }
  if (!goal.structureFrozen) {
    lines.push(
      '- Federführung, Beiträge und Überprüfung: heutiger Stand (bei dieser Vereinbarung nicht festgehalten)',
    );
  }
  if (goal.leadPartnerId) lines.push(`- Federführung: ${partnerName(goal.leadPartnerId)}`);
  if (goal.reviewDate) {
    lines.push(`- Überprüfung: ${formatDay(goal.reviewDate)}${goal.reviewDue ? ' **(fällig)**' : ''}`);
  }
  if (goal.commitments.length > 0) {
    lines.push('', '#### Beiträge der Partner/innen', '');
    for (const c of goal.commitments) lines.push(`- ${partnerName(c.partnerId)}: ${inlineText(c.text)}`);
  }
  lines.push('', '#### Haltungen', '');
  for (const s of goal.stances) lines.push(`- ${stanceLine(s, partnerName)}`);
  if (goal.stances.length === 0) lines.push('- keine');
  lines.push('');
  return lines;
}

const quoted = (text: string | null): string => (text === null ? 'kein Beitrag' : `„${inlineText(text)}“`);
const day = (value: string | null): string => (value === null ? 'kein Datum' : formatDay(value));

/** One change since the agreement: what was agreed, and what the board says now. */
function changeLine(change: AgreementChange, partnerName: (id: string | null) => string): string {
  switch (change.part) {
    case 'wording':
      // The full current texts are in the JSON export and on the board; here the agreed wording stands above.
      return 'Wortlaut: oben wie vereinbart, auf dem Board inzwischen geändert';
    case 'lead': {
      const lead = (id: string | null) => (id === null ? 'keine' : partnerName(id));
      return `Federführung: vereinbart ${lead(change.agreed)}, jetzt ${lead(change.current)}`;
    }
    case 'commitment':
      return (
        `Beitrag von ${partnerName(change.partnerId)}: vereinbart ${quoted(change.agreed)}, ` +
        `jetzt ${quoted(change.current)}`
      );
    case 'reviewDate':
      return `Überprüfung: vereinbart ${day(change.agreed)}, jetzt ${day(change.current)}`;
  }
}

function stanceLine(s: RecordedStance, partnerName: (id: string | null) => string): string {
  const parts = [`${partnerName(s.partnerId)}: ${STANCE_LABELS[s.stance]}`];
  if (s.provisional) parts.push(` (vorläufig, bis ${formatDate(s.provisional.until)})`);
  if (s.recordedByFacilitator) parts.push(' (von der Moderation erfasst)');
  if (s.reason) parts.push(` – „${inlineText(s.reason)}“`);
  return parts.join('');
}

/** The agreement as a readable German Markdown document (Kooperationsvereinbarung). */
export function agreementMarkdown(agreement: AgreementResponse): string {
  const names = new Map(agreement.partners.map((p: Partner) => [p.id, inlineText(p.name)]));
  const partnerName = (id: string | null) =>
    id === null ? 'Ein/e Partner/in (anonym)' : (names.get(id) ?? 'Unbekannte/r Partner/in');
  const lines = [
    `# Kooperationsvereinbarung: ${inlineText(agreement.title)}`,
    '',
    `Stand: ${formatDate(agreement.generatedAt)}`,
    '',
    '## Kooperationspartner/innen',
    '',
    ...agreement.partners.map((p) => `- ${inlineText(p.name)} (${KIND_LABELS[p.kind]})`),
    ...(agreement.partners.length === 0 ? ['Noch keine Kooperationspartner/innen.'] : []),
    '',
    '## Vereinbarte Ziele',
    '',
  ];
  if (agreement.goals.length === 0) lines.push('Noch keine vereinbarten Ziele.', '');
  agreement.goals.forEach((goal, i) => {
    lines.push(...goalSection(goal, i, partnerName));
  });
  return `${lines.join('\n').trimEnd()}\n`;
}
