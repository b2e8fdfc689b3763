import { LOCALES, type MinutesResponse } from '@common-ground/shared/api';
import { DEFAULT_DECISION_RULE } from '@common-ground/shared/rules';
import { describe, expect, it } from 'vitest';
import { exportText } from '../exports/text';
import { minutesMarkdown } from './markdown';

/** Wednesday 20 January 2027, 18:00 to 20:00 in Berlin (CET, UTC+1). */
const START = Date.UTC(2027, 0, 20, 17);
const END = START + 2 * 60 * 60_000;
const FSI = '\u2068';
const PDI = '\u2069';
const HASH = 'a'.repeat(64);

/** A meeting with every section filled, and people who typed what a Markdown file should not obey. */
function minutes(status: MinutesResponse['status'] = 'final'): MinutesResponse {
  return {
    status,
    version: 7,
    corrections: { added: [], removed: [] },
    content: {
      meetingId: 'meeting-1',
      meeting: {
        id: 'meeting-1',
        title: 'Runder Tisch # Südstadt',
        start: START,
        end: END,
        timeZone: 'Europe/Berlin',
        place: 'Bürgerhaus, Saal 2',
        link: null,
        agenda: [
          { kind: 'item', text: 'Begrüßung' },
          { kind: 'goal', goalId: 'goal-1' },
          { kind: 'goal', goalId: 'goal-gone' },
        ],
        note: null,
        status: 'scheduled',
        sequence: 0,
        createdBy: 'p-fac',
        createdAt: START - 1000,
        updatedAt: START - 1000,
      },
      period: { from: START, to: END },
      attendees: [
        { participantId: 'p-ayse', partnerId: 'mv', source: 'presence' },
        { participantId: 'p-evil', partnerId: 'mv', source: 'facilitator' },
        { participantId: 'p-fac', partnerId: null, source: 'presence' },
        { participantId: 'p-erased', partnerId: 'wb', source: 'presence' },
      ],
      guests: [{ id: 'g1', name: 'Frau Okafor', partnerId: 'wb' }],
      partnerIds: ['mv', 'wb', 'schule'],
      goals: [
        {
          goalId: 'goal-1',
          title: 'Spielplatz sanieren',
          proposed: { participantId: 'p-ayse', partnerId: 'mv' },
          wordingChanges: 3,
          movedTo: 'ready',
          removed: false,
          onAgenda: true,
          rounds: [
            {
              roundId: 'r1',
              number: 1,
              openedAt: START + 60_000,
              closedAt: START + 600_000,
              outcome: 'objected',
              visibility: 'open',
              rule: DEFAULT_DECISION_RULE,
              wording: { title: 'Spielplatz sanieren bis 2027', description: '', hash: HASH },
              stances: [
                {
                  partnerId: 'mv',
                  stance: 'agree',
                  recordedBy: 'p-ayse',
                  recordedByFacilitator: false,
                  at: START + 120_000,
                },
                {
                  partnerId: 'wb',
                  stance: 'object',
                  reason: 'Kein Geld\n# vor 2028 [hier](http://evil.example)',
                  recordedBy: 'p-erased',
                  recordedByFacilitator: true,
                  at: START + 180_000,
                },
              ],
              tally: { agree: 1, concerns: 0, stand_aside: 0, object: 1, responded: 2, eligible: 3 },
            },
            {
              roundId: 'r2',
              number: 2,
              openedAt: START + 700_000,
              closedAt: null,
              outcome: null,
              visibility: 'anonymous',
              rule: DEFAULT_DECISION_RULE,
              wording: { title: 'Spielplatz sanieren', description: '', hash: HASH },
              stances: [
                {
                  partnerId: null,
                  stance: 'concerns',
                  reason: 'Zu teuer',
                  recordedBy: null,
                  recordedByFacilitator: false,
                },
              ],
              tally: { responded: 1, eligible: 3 },
            },
          ],
        },
        {
          goalId: 'goal-2',
          title: '<script>alert(1)</script>',
          proposed: null,
          wordingChanges: 0,
          movedTo: null,
          removed: true,
          onAgenda: false,
          rounds: [],
        },
      ],
      openObjections: [
        {
          goalId: 'goal-1',
          goalTitle: 'Spielplatz sanieren',
          roundId: 'r1',
          roundNumber: 1,
          roundOpen: false,
          partnerId: 'wb',
          reason: 'Kein Geld',
        },
        {
          goalId: 'goal-1',
          goalTitle: 'Spielplatz sanieren',
          roundId: 'r2',
          roundNumber: 2,
          roundOpen: true,
          partnerId: null,
          reason: null,
        },
      ],
      nextSteps: [
        { id: 's1', text: 'Angebot einholen *sofort*', ownerPartnerId: 'wb', due: '2027-02-15' },
        { id: 's2', text: 'Termin finden', ownerPartnerId: null, due: null },
      ],
      notes: 'Erste Zeile\n- keine Liste\n\n## keine Überschrift',
      comments: [{ id: 'c1', participantId: 'p-evil', text: 'Fehlt:\n> Zitat\n---', at: END + 3600_000 }],
      finalisedAt: END + 7200_000,
      finalisedBy: 'p-fac',
    },
    people: [
      { id: 'p-ayse', name: 'Ayşe Yılmaz', partnerId: 'mv' },
      // A name typed with a line break and Markdown: one escaped line, never a heading or a link.
      { id: 'p-evil', name: 'Max\n# Mustermann [x](javascript:alert(1))', partnerId: 'mv' },
      { id: 'p-fac', name: 'Lea (Moderation)', partnerId: null },
      // p-erased is not listed: a person the minutes name who is gone reads "unknown", never as the id.
    ],
    partners: [
      { id: 'mv', name: 'Mieterverein Südstadt', kind: 'residents' },
      { id: 'wb', name: 'Wohnbau GmbH', kind: 'housing' },
      { id: 'schule', name: 'Grundschule am Park', kind: 'school' },
    ],
  };
}

/** Lines that start a Markdown block: every one must come from the document, none from what people typed. */
const blockStarts = (markdown: string) =>
  markdown.split('\n').filter((l) => /^\s*(#|>|-|\d+\.|\*|\[)/.test(l));

describe('minutes as Markdown (Sitzungsprotokoll)', () => {
  it('writes every section in German, names looked up, times in the meeting’s zone', () => {
    const markdown = minutesMarkdown(minutes(), exportText('de'), { board: 'Stadtteilrunde Nordstadt' });
    expect(markdown).toMatch(/^# Protokoll: Runder Tisch \\# Südstadt\n/);
    expect(markdown).toContain('Board: Stadtteilrunde Nordstadt\\\n');
    expect(markdown).toContain('Zeit: Mittwoch, 20. Januar 2027 um 18:00 bis 20:00 (Europe/Berlin)');
    expect(markdown).toContain('Ort: Bürgerhaus, Saal 2');
    expect(markdown).toContain(
      'Status: abgeschlossen am Mittwoch, 20. Januar 2027 um 22:00 von Lea (Moderation)',
    );

    expect(markdown).toContain('## Anwesenheit');
    expect(markdown).toContain(
      '- Mieterverein Südstadt: Ayşe Yılmaz und Max \\# Mustermann \\[x\\](javascript:alert(1))',
    );
    expect(markdown).toContain('- Wohnbau GmbH: unbekannt und Frau Okafor (Gast)');
    expect(markdown).toContain('- Ohne Organisation: Lea (Moderation)');
    expect(markdown).toContain('Nicht vertreten: Grundschule am Park');

    expect(markdown).toContain(
      '## Tagesordnung\n\n1. Begrüßung\n2. Ziel: Spielplatz sanieren\n3. Ein Ziel, das nicht mehr auf dem Board ist\n',
    );

    expect(markdown).toContain('### 1. Spielplatz sanieren');
    expect(markdown).toContain('- Neu vorgeschlagen von Mieterverein Südstadt');
    expect(markdown).toContain('- Wortlaut 3 Mal geändert');
    expect(markdown).toContain('- Verschoben in die Spalte „Bereit zur Konsensrunde“');
    expect(markdown).toContain(
      '- Konsensrunde 1 (Konsent, Offen): Einwand; 2 von 3 Haltungen abgegeben\n  - Wortlaut der Runde: Spielplatz sanieren bis 2027\n  - Mieterverein Südstadt: Zustimmung\n  - Wohnbau GmbH: Einwand (von der Moderation erfasst) – „Kein Geld \\# vor 2028 \\[hier\\](http://evil.example)“',
    );
    expect(markdown).toContain(
      '- Konsensrunde 2 (Konsent, Anonym): läuft noch; 1 von 3 Haltungen abgegeben\n  - eine Organisation (anonym): Bedenken – „Zu teuer“',
    );
    expect(markdown).toContain('### 2. \\<script\\>alert(1)\\</script\\>\n\n- Vom Board genommen');

    expect(markdown).toContain('## Offene Einwände');
    expect(markdown).toContain(
      '- Spielplatz sanieren, Konsensrunde 1 (ohne Einigung beendet): Wohnbau GmbH – „Kein Geld“',
    );
    expect(markdown).toContain(
      '- Spielplatz sanieren, Konsensrunde 2 (läuft noch): eine Organisation (anonym)',
    );

    expect(markdown).toContain('- Angebot einholen \\*sofort\\* (zuständig: Wohnbau GmbH, bis 15.02.2027)');
    expect(markdown).toContain('- Termin finden (noch niemand zuständig)');
    expect(markdown).toContain('## Notizen\n\nErste Zeile\\\n\\- keine Liste\n\n\\#\\# keine Überschrift\n');
    expect(markdown).toContain(
      '## Kommentare\n\nMax \\# Mustermann \\[x\\](javascript:alert(1)) am Mittwoch, 20. Januar 2027 um 21:00:\n\n> Fehlt:\\\n> \\> Zitat\\\n> \\---\n',
    );

    // Nothing anyone typed opens a block: every block start is the document's own.
    for (const line of blockStarts(markdown)) {
      expect(line, line).toMatch(/^(#{1,3} \S|- \S| {2}- \S|\d+\. \S|> )/);
    }
    expect(markdown).not.toMatch(/^#+ keine/m);
    // Brackets stay escaped: no link anywhere.
    expect(markdown).not.toMatch(/[^\\]\]\(/);
    expect(markdown).not.toMatch(/p-erased|p-evil|p-fac/);
  });

  it('says a draft is a draft, and what is missing plainly', () => {
    const draft = minutes('draft');
    const empty: MinutesResponse = {
      ...draft,
      content: {
        ...draft.content,
        meeting: { ...draft.content.meeting, agenda: [], place: null },
        attendees: [],
        guests: [],
        goals: [],
        openObjections: [],
        nextSteps: [],
        notes: null,
        comments: [],
        finalisedAt: null,
        finalisedBy: null,
      },
    };
    const markdown = minutesMarkdown(empty, exportText('de'));
    expect(markdown).toContain('Status: Entwurf, kann sich noch ändern');
    expect(markdown).not.toContain('Board:');
    expect(markdown).toContain('Niemand ist als anwesend eingetragen.');
    expect(markdown).toContain(
      'Nicht vertreten: Mieterverein Südstadt, Wohnbau GmbH und Grundschule am Park',
    );
    expect(markdown).toContain('Keine Tagesordnung.');
    expect(markdown).toContain('Während des Treffens hat sich an keinem Ziel etwas getan.');
    expect(markdown).toContain('Keine offenen Einwände.');
    expect(markdown).toContain('Keine nächsten Schritte festgehalten.');
    expect(markdown).toContain('Keine Notizen.');
    expect(markdown).not.toContain('## Kommentare');
  });

  it('writes the minutes in Persian, right to left, with people’s names isolated and Persian digits', () => {
    const text = exportText('fa');
    const markdown = minutesMarkdown(minutes(), text);
    expect(markdown).toMatch(/^# صورت‌جلسه: \u2068Runder Tisch \\# Südstadt\u2069\n/);
    expect(markdown).toContain('## حاضران');
    expect(markdown).toContain(`- ${FSI}Wohnbau GmbH${PDI}: ناشناس و ${FSI}Frau Okafor${PDI} (مهمان)`);
    expect(markdown).toContain('- متن ۳ بار تغییر کرد');
    expect(markdown).toContain(`  - یک سازمان (بی‌نام): ${text.stance('concerns')} – «${FSI}Zu teuer${PDI}»`);
    expect(markdown).toContain(`(مسئول: ${FSI}Wohnbau GmbH${PDI}، تا ${text.day('2027-02-15')})`);
    expect(markdown).not.toMatch(/Protokoll|Anwesenheit/);
    for (const line of blockStarts(markdown)) {
      expect(line, line).toMatch(/^(#{1,3} \S|- \S| {2}- \S|\d+\. \S|> )/);
    }
  });

  it.each(LOCALES)('%s: renders every line with no message left unformatted', (locale) => {
    const markdown = minutesMarkdown(minutes(), exportText(locale), { board: 'Runder Tisch' });
    expect(markdown).not.toMatch(/[{}]/);
    expect(markdown).toContain('Spielplatz sanieren');
    expect(markdown).toContain('Mieterverein Südstadt');
  });
});
