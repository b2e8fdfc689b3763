import type {
  MinutesGoal,
  MinutesResponse,
  MinutesRound,
  OpenObjection,
  RecordedStance,
} from '@common-ground/shared/api';
import { EXPORT_TAGS } from '../exports/catalogues';
import type { ExportText } from '../exports/text';
import { blockText } from '../rounds/markdown';

export interface MinutesMarkdownOptions {
  /** The board's title, said under the heading; left out when unknown. */
  readonly board?: string | null;
}

/** Names by id as the minutes give them now; an id they do not name reads "unknown", never as the id. */
interface Names {
  person(id: string | null): string;
  partner(id: string | null): string;
}

/**
 * Times in the meeting's own zone (the zone it was scheduled in), in the reader's language: the minutes say
 * "18:00" for a meeting at six in Berlin whoever reads them where.
 */
function zoned(text: ExportText, timeZone: string) {
  const tag = EXPORT_TAGS[text.locale];
  const dateTime = new Intl.DateTimeFormat(tag, { timeZone, dateStyle: 'full', timeStyle: 'short' });
  const date = new Intl.DateTimeFormat(tag, { timeZone, dateStyle: 'long' });
  const time = new Intl.DateTimeFormat(tag, { timeZone, timeStyle: 'short' });
  const dayKey = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return {
    dateTime: (ms: number) => dateTime.format(ms),
    date: (ms: number) => date.format(ms),
    time: (ms: number) => time.format(ms),
    sameDay: (a: number, b: number) => dayKey.format(a) === dayKey.format(b),
  };
}

function headingLines(
  minutes: MinutesResponse,
  text: ExportText,
  names: Names,
  options: MinutesMarkdownOptions,
): string[] {
  const { t } = text;
  const { meeting } = minutes.content;
  const when = zoned(text, meeting.timeZone);
  const lines = [`# ${t('minutes.heading', { title: text.user(meeting.title) })}`, ''];
  const facts: string[] = [];
  if (options.board) facts.push(t('minutes.board', { board: text.user(options.board) }));
  facts.push(
    t('minutes.when', {
      start: when.dateTime(meeting.start),
      end: when.sameDay(meeting.start, meeting.end) ? when.time(meeting.end) : when.dateTime(meeting.end),
      zone: meeting.timeZone,
    }),
  );
  if (meeting.place) facts.push(t('minutes.place', { place: text.user(meeting.place) }));
  if (meeting.link) facts.push(t('minutes.link', { link: text.user(meeting.link) }));
  const { finalisedAt, finalisedBy } = minutes.content;
  facts.push(
    minutes.status === 'final' && finalisedAt !== null
      ? t('minutes.status.final', { date: when.dateTime(finalisedAt), name: names.person(finalisedBy) })
      : t('minutes.status.draft'),
  );
  // One fact per line: CommonMark's hard line break (a trailing backslash) keeps them apart in one paragraph.
  lines.push(facts.join('\\\n'), '');
  return lines;
}

/** Who was there, by organisation (people seen or added, and guests without a device), and who was not. */
function attendanceLines(minutes: MinutesResponse, text: ExportText, names: Names): string[] {
  const { t } = text;
  const { attendees, guests, partnerIds } = minutes.content;
  const byPartner = new Map<string | null, string[]>();
  const add = (partnerId: string | null, name: string) =>
    byPartner.set(partnerId, [...(byPartner.get(partnerId) ?? []), name]);
  for (const a of attendees) add(a.partnerId, names.person(a.participantId));
  for (const g of guests) add(g.partnerId, t('minutes.guest', { name: text.user(g.name) }));
  const lines = [`## ${t('minutes.attendance')}`, ''];
  if (byPartner.size === 0) lines.push(t('minutes.attendance.none'), '');
  // The board's partners first, in their order; then any organisation the list names that is no partner now.
  const order = [...new Set([...partnerIds, ...[...byPartner.keys()].filter((id) => id !== null)])];
  for (const partnerId of order) {
    const present = byPartner.get(partnerId);
    if (present) {
      lines.push(
        `- ${t('minutes.attendance.partner', { partner: names.partner(partnerId), names: text.list(present) })}`,
      );
    }
  }
  const without = byPartner.get(null);
  if (without) lines.push(`- ${t('minutes.attendance.noPartner', { names: text.list(without) })}`);
  const absent = partnerIds.filter((id) => !byPartner.has(id));
  if (absent.length > 0) {
    if (byPartner.size > 0) lines.push('');
    lines.push(
      t('minutes.attendance.absent', { partners: text.list(absent.map((id) => names.partner(id))) }),
    );
  }
  lines.push('');
  return lines;
}

function agendaLines(minutes: MinutesResponse, text: ExportText): string[] {
  const { t } = text;
  const { agenda } = minutes.content.meeting;
  const titles = new Map(minutes.content.goals.map((g) => [g.goalId, g.title]));
  const lines = [`## ${t('minutes.agenda')}`, ''];
  if (agenda.length === 0) return [...lines, t('minutes.agenda.none'), ''];
  agenda.forEach((entry, i) => {
    const title = entry.kind === 'goal' ? titles.get(entry.goalId) : undefined;
    const label =
      entry.kind === 'item'
        ? text.user(entry.text)
        : title === undefined
          ? t('minutes.agenda.goalUnknown')
          : t('minutes.agenda.goal', { goal: text.user(title) });
    lines.push(`${i + 1}. ${label}`);
  });
  lines.push('');
  return lines;
}

function stanceLine(text: ExportText, s: RecordedStance, names: Names): string {
  const { t } = text;
  const partner = s.partnerId === null ? t('minutes.anonymous') : names.partner(s.partnerId);
  const parts = [t('agreement.stance', { partner, stance: text.stance(s.stance) })];
  if (s.recordedByFacilitator) parts.push(` (${t('agreement.stance.byFacilitator')})`);
  if (s.reason?.trim()) parts.push(` – ${t('quoted', { text: text.user(s.reason) })}`);
  return parts.join('');
}

function roundLines(text: ExportText, goal: MinutesGoal, round: MinutesRound, names: Names): string[] {
  const { t } = text;
  const lines = [
    `- ${t('minutes.round', {
      number: round.number,
      rule: text.rule(round.rule.kind),
      visibility: t(`minutes.visibility.${round.visibility}`),
      outcome: round.outcome === null ? t('report.round.running') : text.outcome(round.outcome),
      responded: round.tally.responded,
      eligible: round.tally.eligible,
    })}`,
  ];
  // The round decided on its own wording, frozen at its opening: said when the goal's title differs from it.
  if (round.wording.title.trim() !== goal.title.trim()) {
    lines.push(`  - ${t('minutes.round.wording', { title: text.user(round.wording.title) })}`);
  }
  for (const s of round.stances) lines.push(`  - ${stanceLine(text, s, names)}`);
  return lines;
}

function goalLines(minutes: MinutesResponse, text: ExportText, names: Names): string[] {
  const { t } = text;
  const lines = [`## ${t('minutes.goals')}`, ''];
  const { goals } = minutes.content;
  if (goals.length === 0) return [...lines, t('minutes.goals.none'), ''];
  goals.forEach((goal, i) => {
    lines.push(`### ${i + 1}. ${text.user(goal.title)}`, '');
    const facts: string[] = [];
    if (goal.proposed) {
      const { partnerId, participantId } = goal.proposed;
      facts.push(
        partnerId !== null
          ? t('minutes.goal.proposedBy', { who: names.partner(partnerId) })
          : participantId !== null
            ? t('minutes.goal.proposedBy', { who: names.person(participantId) })
            : t('minutes.goal.proposed'),
      );
    }
    if (goal.wordingChanges > 0) facts.push(t('minutes.goal.wordingChanged', { count: goal.wordingChanges }));
    if (goal.movedTo) facts.push(t('minutes.goal.movedTo', { stage: t(`minutes.stage.${goal.movedTo}`) }));
    if (goal.removed) facts.push(t('minutes.goal.removed'));
    for (const fact of facts) lines.push(`- ${fact}`);
    for (const round of goal.rounds) lines.push(...roundLines(text, goal, round, names));
    if (facts.length === 0 && goal.rounds.length === 0) lines.push(`- ${t('minutes.goal.unchanged')}`);
    lines.push('');
  });
  return lines;
}

function objectionLine(text: ExportText, o: OpenObjection, names: Names): string {
  const { t } = text;
  const line = t('minutes.objection', {
    goal: text.user(o.goalTitle),
    number: o.roundNumber,
    partner: o.partnerId === null ? t('minutes.anonymous') : names.partner(o.partnerId),
    state: t(o.roundOpen ? 'minutes.objection.open' : 'minutes.objection.closed'),
  });
  return o.reason?.trim() ? `${line} – ${t('quoted', { text: text.user(o.reason) })}` : line;
}

function nextStepLines(minutes: MinutesResponse, text: ExportText, names: Names): string[] {
  const { t } = text;
  const lines = [`## ${t('minutes.nextSteps')}`, ''];
  const steps = minutes.content.nextSteps;
  if (steps.length === 0) return [...lines, t('minutes.nextSteps.none'), ''];
  for (const step of steps) {
    const who =
      step.ownerPartnerId === null
        ? t('minutes.nextStep.noOwner')
        : t('minutes.nextStep.owner', { partner: names.partner(step.ownerPartnerId) });
    const said =
      step.due === null
        ? who
        : t('minutes.nextStep.withDue', {
            who,
            due: t('minutes.nextStep.due', { date: text.day(step.due) }),
          });
    lines.push(`- ${text.user(step.text)} (${said})`);
  }
  lines.push('');
  return lines;
}

/** A person's block of text as a quote: every line starts with `> `, so nothing in it leaves the quote. */
const quote = (value: string): string =>
  blockText(value)
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n');

/**
 * The minutes of a meeting (Sitzungsprotokoll) as a readable Markdown document in the requester's language:
 * meeting, status, attendance by organisation, agenda, what happened to each goal, open objections, next steps,
 * notes and comments. Names are looked up in `people` and `partners` (as they are now); what people wrote is
 * escaped, so no title, name or note can add a heading, a link or a line of its own.
 */
export function minutesMarkdown(
  minutes: MinutesResponse,
  text: ExportText,
  options: MinutesMarkdownOptions = {},
): string {
  const { t } = text;
  const people = new Map(minutes.people.map((p) => [p.id, p.name]));
  const partners = new Map(minutes.partners.map((p) => [p.id, p.name]));
  const lookup = (map: ReadonlyMap<string, string>, id: string | null) => {
    const name = id === null ? undefined : map.get(id);
    return name === undefined || name.trim() === '' ? t('minutes.unknown') : text.user(name);
  };
  const names: Names = {
    person: (id) => lookup(people, id),
    partner: (id) => lookup(partners, id),
  };
  const { content } = minutes;
  const when = zoned(text, content.meeting.timeZone);
  const lines = [
    ...headingLines(minutes, text, names, options),
    ...attendanceLines(minutes, text, names),
    ...agendaLines(minutes, text),
    ...goalLines(minutes, text, names),
    `## ${t('minutes.objections')}`,
    '',
  ];
  if (content.openObjections.length === 0) lines.push(t('minutes.objections.none'), '');
  else lines.push(...content.openObjections.map((o) => `- ${objectionLine(text, o, names)}`), '');
  lines.push(...nextStepLines(minutes, text, names), `## ${t('minutes.notes')}`, '');
  lines.push(content.notes?.trim() ? blockText(content.notes) : t('minutes.notes.none'), '');
  if (content.comments.length > 0) {
    lines.push(`## ${t('minutes.comments')}`, '');
    for (const c of content.comments) {
      lines.push(
        t('minutes.comment', { name: names.person(c.participantId), date: when.dateTime(c.at) }),
        '',
        quote(c.text),
        '',
      );
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
