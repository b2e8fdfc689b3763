import { isLocale, LANGUAGES, type MyDataResponse } from '@common-ground/shared/api';
import { EXPORT_TAGS } from '../exports/catalogues';
import type { ExportText } from '../exports/text';

/**
 * The readable version of a participant's copy of their data (`?format=md`): the same content as the JSON, in the
 * reader's language, one section per kind of data, "None." where there is nothing. Every text a person wrote goes
 * through `text.user` (escaped, isolated in right-to-left languages).
 */
export function myDataMarkdown(data: MyDataResponse, text: ExportText): string {
  const { t, user } = text;
  const when = dateTimeFormat(text);
  const yesNo = (value: boolean) => (value ? 'yes' : 'no');
  const goal = (title: string) => (title ? user(title) : t('myData.unknown'));
  const named = (name: string | null) => (name === null ? t('myData.unknown') : user(name));
  const quoted = (value: string | null | undefined) => t('quoted', { text: user(value ?? '') });
  const out: string[] = [];
  const line = (value: string) => out.push(value);
  const section = (key: Parameters<typeof t>[0], items: readonly string[]) => {
    out.push('', `## ${t(key)}`, '');
    if (items.length === 0) out.push(t('myData.none'));
    else for (const item of items) out.push(`- ${item}`);
  };

  const { person } = data;
  line(`# ${t('myData.heading', { board: user(data.board.title) })}`);
  line('');
  line(t('myData.intro', { date: when(data.generatedAt) }));
  section('myData.section.person', [
    t('myData.name', { name: user(person.name) }),
    t('myData.role', { role: person.role }),
    person.organisation
      ? t('myData.organisation', { name: user(person.organisation.name) })
      : t('myData.organisation.none'),
    ...(person.pendingOrganisation
      ? [t('myData.organisation.pending', { name: user(person.pendingOrganisation.name) })]
      : []),
    t('myData.joined', { date: when(person.joinedAt) }),
    data.lastVisitAt === null
      ? t('myData.lastVisit.none')
      : t('myData.lastVisit', { date: when(data.lastVisitAt) }),
    ...(person.removed ? [t('myData.removed')] : []),
  ]);

  section('myData.section.devices', [
    t('myData.devices', {
      count: data.devices.count,
      dates: text.list(data.devices.issuedAt.map(when)),
    }),
    ...data.devices.links.map((link) =>
      t('myData.deviceLink', {
        kind: link.kind,
        date: when(link.createdAt),
        used: yesNo(link.usedAt !== null),
        usedAt: link.usedAt === null ? '' : when(link.usedAt),
        expiresAt: when(link.expiresAt),
      }),
    ),
  ]);

  const { mail } = data;
  section(
    'myData.section.mail',
    mail
      ? [
          t('myData.mail.address', {
            address: user(mail.address),
            status: mail.status,
            confirmedAt: mail.confirmedAt === null ? '' : when(mail.confirmedAt),
          }),
          t('myData.mail.choices', {
            digest: mail.preferences.digest,
            roundAwaits: yesNo(mail.preferences.roundAwaits),
            outcomes: yesNo(mail.preferences.outcomes),
            invitations: yesNo(mail.preferences.invitations),
            minutes: yesNo(mail.preferences.minutes),
          }),
          t('myData.mail.language', { language: LANGUAGES[mail.language].name }),
          t('myData.mail.given', { date: when(mail.createdAt), changed: when(mail.updatedAt) }),
        ]
      : [t('myData.mail.none')],
  );
  if (data.mails.length > 0) {
    out.push('', `### ${t('myData.mails')}`, '');
    for (const m of data.mails) {
      out.push(
        `- ${t('myData.mail', { date: when(m.sentAt ?? m.createdAt), subject: user(m.subject), status: m.status })}`,
      );
    }
  }

  section('myData.section.calendar', [
    data.calendarFeed
      ? t('myData.calendar', { date: when(data.calendarFeed.createdAt) })
      : t('myData.calendar.none'),
  ]);

  section(
    'myData.section.goals',
    data.goalsProposed.map((g) => t('myData.goal', { date: when(g.at), goal: goal(g.goalTitle) })),
  );

  section(
    'myData.section.edits',
    data.edits.map((edit) => {
      const head = t('myData.edit', { date: when(edit.at), goal: goal(edit.goalTitle), type: edit.type });
      if (edit.type !== 'wording_changed' || !edit.field) return head;
      const change = t('myData.edit.wording', {
        field: edit.field,
        before: quoted(edit.before),
        after: quoted(edit.after),
      });
      return `${head}. ${change}`;
    }),
  );

  section(
    'myData.section.comments',
    data.comments.map((c) => {
      const said = t('myData.comment', { date: when(c.at), goal: goal(c.goalTitle), text: quoted(c.text) });
      return c.hidden ? `${said} (${t('myData.comment.hidden')})` : said;
    }),
  );

  section(
    'myData.section.translations',
    data.translations.map((tr) =>
      t('myData.translation', {
        date: when(tr.at),
        goal: goal(tr.goalTitle),
        language: isLocale(tr.language) ? LANGUAGES[tr.language].name : user(tr.language),
      }),
    ),
  );

  section(
    'myData.section.stances',
    data.stances.map((s) => {
      const parts = [
        t('myData.stance', {
          date: when(s.at),
          goal: goal(s.goalTitle),
          number: s.roundNumber,
          stance: text.stance(s.stance),
          organisation: named(s.organisation.name),
        }),
      ];
      if (s.recordedBy === 'facilitator') parts.push(t('myData.stance.byFacilitator'));
      if (s.provisionalUntil !== null) {
        parts.push(t('agreement.stance.provisional', { date: when(s.provisionalUntil) }));
      }
      if (s.reason) parts.push(t('myData.stance.reason', { reason: quoted(s.reason) }));
      return parts.join('; ');
    }),
  );

  section('myData.section.rounds', [
    ...data.roundsOpened.map((r) =>
      t('myData.round.opened', { date: when(r.openedAt), number: r.roundNumber, goal: goal(r.goalTitle) }),
    ),
    ...data.roundsClosed.map((r) =>
      t('myData.round.closed', {
        date: when(r.closedAt ?? r.openedAt),
        number: r.roundNumber,
        goal: goal(r.goalTitle),
        outcome: r.outcome ? text.outcome(r.outcome) : t('myData.unknown'),
      }),
    ),
  ]);

  section(
    'myData.section.amendments',
    data.amendments.map((a) => {
      const head = t('myData.amendment', {
        date: when(a.proposedAt),
        goal: goal(a.goalTitle),
        status: a.status,
      });
      const wording = [a.title, a.description].filter((v): v is string => v !== null).map(quoted);
      return wording.length > 0 ? `${head}: ${wording.join(' / ')}` : head;
    }),
  );

  section('myData.section.meetings', [
    ...data.meetingsScheduled.map((m) =>
      t('myData.meeting.scheduled', { date: when(m.createdAt), title: quoted(m.title), status: m.status }),
    ),
    ...data.attendance.map((a) =>
      t('myData.meeting.attended', { date: when(a.firstSeenAt), title: quoted(a.meetingTitle) }),
    ),
    ...data.minutesComments.map((c) =>
      t('myData.meeting.comment', { date: when(c.at), title: quoted(c.meetingTitle), text: quoted(c.text) }),
    ),
    ...data.minutesFinalised.map((f) =>
      t('myData.meeting.finalised', { date: when(f.at), title: quoted(f.meetingTitle) }),
    ),
  ]);

  section('myData.section.network', [
    ...data.profiles.map((p) => {
      const fields = (
        [
          ['description', p.description],
          [
            'offers',
            [...p.offers.map((offer) => t('myData.offer', { offer })), p.offersNote]
              .filter(Boolean)
              .join(', '),
          ],
          ['interests', p.interests],
          ['contact', p.contact],
        ] as const
      )
        .filter(([, value]) => value !== '')
        .map(([field, value]) => t('myData.profile.field', { field, text: user(value) }));
      return [
        t('myData.profile', { date: when(p.updatedAt), organisation: named(p.organisation.name) }),
        ...fields,
      ].join('; ');
    }),
    ...data.relations.map((r) =>
      t('myData.relation', {
        date: when(r.createdAt),
        from: named(r.from),
        to: named(r.to),
        kind: r.kind,
        removed: yesNo(r.removedAt !== null),
      }),
    ),
  ]);

  section(
    'myData.section.invites',
    data.invites.map((i) =>
      t('myData.invite', {
        date: when(i.createdAt),
        role: i.role,
        uses: i.uses,
        revoked: yesNo(i.revokedAt !== null),
      }),
    ),
  );

  section('myData.section.other', [
    ...data.organisationsProposed.map((o) => t('myData.organisationProposed', { name: user(o.name) })),
    ...data.commentsHidden.map((h) =>
      t('myData.commentHidden', { date: when(h.at), goal: goal(h.goalTitle) }),
    ),
    ...(data.privacyNoteUpdatedAt === null
      ? []
      : [t('myData.privacyNote', { date: when(data.privacyNoteUpdatedAt) })]),
  ]);
  return `${out.join('\n')}\n`;
}

/** Day and time in Berlin, where the boards are: a mail or a visit is told apart by the hour. */
function dateTimeFormat(text: ExportText): (ms: number) => string {
  const format = new Intl.DateTimeFormat(EXPORT_TAGS[text.locale], {
    timeZone: 'Europe/Berlin',
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return (ms) => format.format(new Date(ms));
}
