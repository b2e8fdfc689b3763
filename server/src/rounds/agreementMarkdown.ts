import type {
  AgreedGoal,
  AgreementChange,
  AgreementResponse,
  Partner,
  RecordedStance,
} from '@common-ground/shared/api';
import { type ExportText, exportText } from '../exports/text';
import { blockText, inlineText } from './markdown';

type PartnerName = (id: string | null) => string;

function goalSection(text: ExportText, goal: AgreedGoal, index: number, partnerName: PartnerName): string[] {
  const { t } = text;
  const { round } = goal;
  // The wording is the binding original in every language: only the words around it are translated.
  const lines = [`### ${index + 1}. ${inlineText(goal.wording.title)}`, ''];
  if (goal.wording.description.trim()) lines.push(blockText(goal.wording.description), '');
  lines.push(
    `- ${t('agreement.decided', {
      number: round.number,
      date: text.date(round.closedAt),
      rule: text.rule(round.rule.kind),
      responded: round.tally.responded,
      eligible: round.tally.eligible,
    })}`,
  );
  if (goal.changedSinceAgreement) {
    lines.push(`- **${t('agreement.changed')}** – ${t('agreement.changed.next')}`);
    for (const change of goal.changes) lines.push(`  - ${changeLine(text, change, partnerName)}`);
  }
  if (!goal.structureFrozen) lines.push(`- ${t('agreement.notFrozen')}`);
  if (goal.leadPartnerId)
    lines.push(`- ${t('agreement.lead', { partner: partnerName(goal.leadPartnerId) })}`);
  if (goal.reviewDate) {
    const due = goal.reviewDue ? ` **(${t('agreement.review.due')})**` : '';
    lines.push(`- ${t('agreement.review', { date: text.day(goal.reviewDate) })}${due}`);
  }
  if (goal.commitments.length > 0) {
    lines.push('', `#### ${t('agreement.commitments')}`, '');
    for (const c of goal.commitments) lines.push(`- ${partnerName(c.partnerId)}: ${inlineText(c.text)}`);
  }
  lines.push('', `#### ${t('agreement.stances')}`, '');
  for (const s of goal.stances) lines.push(`- ${stanceLine(text, s, partnerName)}`);
  if (goal.stances.length === 0) lines.push(`- ${t('agreement.stances.none')}`);
  lines.push('');
  return lines;
}

/** One change since the agreement: what was agreed, and what the board says now. */
function changeLine({ t, day, user }: ExportText, change: AgreementChange, partnerName: PartnerName): string {
  const quoted = (value: string | null) =>
    value === null ? t('agreement.change.noCommitment') : t('quoted', { text: user(value) });
  const date = (value: string | null) => (value === null ? t('agreement.change.noDate') : day(value));
  switch (change.part) {
    case 'wording':
      // The full current texts are in the JSON export and on the board; here the agreed wording stands above.
      return t('agreement.change.wording');
    case 'lead': {
      const lead = (id: string | null) => (id === null ? t('agreement.change.noLead') : partnerName(id));
      return t('agreement.change.lead', { agreed: lead(change.agreed), current: lead(change.current) });
    }
    case 'commitment':
      return t('agreement.change.commitment', {
        partner: partnerName(change.partnerId),
        agreed: quoted(change.agreed),
        current: quoted(change.current),
      });
    case 'reviewDate':
      return t('agreement.change.reviewDate', { agreed: date(change.agreed), current: date(change.current) });
  }
}

function stanceLine(text: ExportText, s: RecordedStance, partnerName: PartnerName): string {
  const { t } = text;
  const parts = [t('agreement.stance', { partner: partnerName(s.partnerId), stance: text.stance(s.stance) })];
  if (s.provisional) {
    parts.push(` (${t('agreement.stance.provisional', { date: text.date(s.provisional.until) })})`);
  }
  if (s.recordedByFacilitator) parts.push(` (${t('agreement.stance.byFacilitator')})`);
  if (s.reason) parts.push(` – ${t('quoted', { text: text.user(s.reason) })}`);
  return parts.join('');
}

/**
 * The agreement as a readable Markdown document (Kooperationsvereinbarung) in the requester's language; German
 * unless another is given. User text (names, wording, reasons) stays as written.
 */
export function agreementMarkdown(agreement: AgreementResponse, text: ExportText = exportText()): string {
  const { t } = text;
  const names = new Map(agreement.partners.map((p: Partner) => [p.id, text.user(p.name)]));
  const partnerName = (id: string | null) =>
    id === null ? t('agreement.partner.anonymous') : (names.get(id) ?? t('agreement.partner.unknown'));
  const lines = [
    `# ${t('agreement.heading', { title: text.user(agreement.title) })}`,
    '',
    t('asOf', { date: text.date(agreement.generatedAt) }),
    '',
    `## ${t('partners')}`,
    '',
    ...agreement.partners.map(
      (p) => `- ${t('partner.withKind', { name: text.user(p.name), kind: text.kind(p.kind) })}`,
    ),
    ...(agreement.partners.length === 0 ? [t('partners.none')] : []),
    '',
    `## ${t('agreement.goals')}`,
    '',
  ];
  if (agreement.goals.length === 0) lines.push(t('agreement.goals.none'), '');
  agreement.goals.forEach((goal, i) => {
    lines.push(...goalSection(text, goal, i, partnerName));
  });
  return `${lines.join('\n').trimEnd()}\n`;
}
