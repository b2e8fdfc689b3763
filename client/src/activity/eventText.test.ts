import type { ActivityEvent } from '@common-ground/shared/api';
import { describe, expect, it } from 'vitest';
import type { Catalogue } from '../i18n/catalogues';
import de from '../i18n/messages/de.json';
import en from '../i18n/messages/en.json';
import { translator } from '../i18n/translate';
import { describeEvent, relativeTime, wordingChange } from './eventText';

const t = translator(de, 'de');
const partnerNames = new Map([
  ['pa', 'Mieterinitiative Südstadt'],
  ['pb', 'Wohnungsbau Süd eG'],
]);
const base = {
  id: '1:0',
  at: 1_000,
  goalId: 'g1',
  goalTitle: 'Spielplatz sanieren',
  participantId: 'u1',
  participantName: 'Ayşe Demir',
  partnerId: 'pa',
  partnerName: 'Mieterinitiative Südstadt',
};
const describe_ = (event: ActivityEvent, messages: Catalogue = de) =>
  describeEvent(event, {
    t: translator(messages, messages === en ? 'en' : 'de'),
    locale: 'de',
    partnerNames,
  });

describe('describeEvent', () => {
  it('names the person and their partner, and what they changed', () => {
    expect(
      describe_({
        ...base,
        type: 'wording_changed',
        field: 'description',
        before: 'a',
        after: 'b',
        startedAt: 0,
      }),
    ).toBe('Ayşe Demir (Mieterinitiative Südstadt) hat die Beschreibung von „Spielplatz sanieren“ geändert');
    expect(describe_({ ...base, type: 'goal_proposed', title: 'x', description: '' }, en)).toBe(
      'Ayşe Demir (Mieterinitiative Südstadt) proposed the goal “Spielplatz sanieren”',
    );
  });

  it('has a sentence for every event type', () => {
    const events: ActivityEvent[] = [
      { ...base, type: 'goal_proposed', title: 'x', description: '' },
      { ...base, type: 'wording_changed', field: 'title', before: 'a', after: 'b', startedAt: 0 },
      { ...base, type: 'stage_changed', from: 'proposed', to: 'ready' },
      { ...base, type: 'goal_moved', stage: 'discussing' },
      { ...base, type: 'goal_removed' },
      { ...base, type: 'comment_added', commentId: 'c', text: 'Gut' },
      { ...base, type: 'lead_changed', before: null, after: 'pb' },
      { ...base, type: 'lead_changed', before: 'pb', after: null },
      { ...base, type: 'commitment_changed', commitmentPartnerId: 'pb', before: null, after: 'Raum' },
      { ...base, type: 'commitment_changed', commitmentPartnerId: 'pb', before: 'Raum', after: 'Räume' },
      { ...base, type: 'commitment_changed', commitmentPartnerId: 'pb', before: 'Raum', after: null },
      { ...base, type: 'review_date_changed', before: null, after: '2027-03-12' },
      { ...base, type: 'review_date_changed', before: '2027-03-12', after: null },
      { ...base, type: 'round_opened', roundId: 'r1', roundNumber: 1 },
      {
        ...base,
        type: 'stance_given',
        roundId: 'r1',
        roundNumber: 1,
        stance: 'concerns',
        recordedByFacilitator: true,
      },
      { ...base, type: 'round_closed', roundId: 'r1', roundNumber: 1, outcome: 'agreed' },
    ];
    const sentences = events.map((event) => describe_(event));
    expect(sentences).toEqual([
      'Ayşe Demir (Mieterinitiative Südstadt) hat das Ziel „Spielplatz sanieren“ vorgeschlagen',
      'Ayşe Demir (Mieterinitiative Südstadt) hat den Titel von „Spielplatz sanieren“ geändert',
      'Ayşe Demir (Mieterinitiative Südstadt) hat „Spielplatz sanieren“ von „Vorgeschlagen“ nach „Bereit zur Konsensrunde“ verschoben',
      'Ayşe Demir (Mieterinitiative Südstadt) hat „Spielplatz sanieren“ innerhalb von „In Diskussion“ umsortiert',
      'Ayşe Demir (Mieterinitiative Südstadt) hat das Ziel „Spielplatz sanieren“ entfernt',
      'Ayşe Demir (Mieterinitiative Südstadt) hat „Spielplatz sanieren“ kommentiert',
      'Ayşe Demir (Mieterinitiative Südstadt) hat die Federführung für „Spielplatz sanieren“ an Wohnungsbau Süd eG gegeben',
      'Ayşe Demir (Mieterinitiative Südstadt) hat die Federführung für „Spielplatz sanieren“ aufgehoben',
      'Ayşe Demir (Mieterinitiative Südstadt) hat eingetragen: Wohnungsbau Süd eG unterstützt „Spielplatz sanieren“',
      'Ayşe Demir (Mieterinitiative Südstadt) hat den Beitrag von Wohnungsbau Süd eG zu „Spielplatz sanieren“ geändert',
      'Ayşe Demir (Mieterinitiative Südstadt) hat die Unterstützung von Wohnungsbau Süd eG für „Spielplatz sanieren“ gestrichen',
      'Ayşe Demir (Mieterinitiative Südstadt) hat die Überprüfung von „Spielplatz sanieren“ auf den 12.03.2027 gelegt',
      'Ayşe Demir (Mieterinitiative Südstadt) hat den Überprüfungstermin von „Spielplatz sanieren“ entfernt',
      'Ayşe Demir (Mieterinitiative Südstadt) hat Konsensrunde 1 zu „Spielplatz sanieren“ eröffnet',
      'Ayşe Demir (Mieterinitiative Südstadt) hat in Runde 1 zu „Spielplatz sanieren“ geantwortet: Bedenken (von der Moderation erfasst)',
      'Ayşe Demir (Mieterinitiative Südstadt) hat Konsensrunde 1 zu „Spielplatz sanieren“ geschlossen: vereinbart',
    ]);
    for (const sentence of events.map((event) => describe_(event, en))) expect(sentence).not.toMatch(/[{}]/);
  });

  it('says who when there is no person: the server, or a partner whose stance the round hides', () => {
    const nobody = {
      ...base,
      participantId: null,
      participantName: null,
      partnerId: null,
      partnerName: null,
    };
    expect(
      describe_({ ...nobody, type: 'round_closed', roundId: 'r', roundNumber: 2, outcome: 'no_quorum' }),
    ).toBe('Automatisch hat Konsensrunde 2 zu „Spielplatz sanieren“ geschlossen: kein Quorum');
    expect(
      describe_({
        ...nobody,
        type: 'stance_given',
        roundId: 'r',
        roundNumber: 1,
        stance: 'agree',
        recordedByFacilitator: false,
      }),
    ).toBe('Eine Partnerorganisation hat in Runde 1 zu „Spielplatz sanieren“ geantwortet: Zustimmung');
    expect(describe_({ ...base, partnerId: null, partnerName: null, type: 'goal_removed' })).toBe(
      'Ayşe Demir hat das Ziel „Spielplatz sanieren“ entfernt',
    );
  });

  it('offers the before and after of wording changes for a diff', () => {
    expect(
      wordingChange({
        ...base,
        type: 'wording_changed',
        field: 'title',
        before: 'a',
        after: 'b',
        startedAt: 0,
      }),
    ).toEqual({ before: 'a', after: 'b' });
    expect(wordingChange({ ...base, type: 'goal_removed' })).toBeNull();
  });
});

describe('relativeTime', () => {
  const now = Date.UTC(2027, 2, 12, 12);
  it('says "gerade eben" under a minute and counts back in the largest fitting unit', () => {
    expect(relativeTime(now - 20_000, now, 'de', t)).toBe('gerade eben');
    expect(relativeTime(now - 5 * 60_000, now, 'de', t)).toBe('vor 5 Minuten');
    expect(relativeTime(now - 3 * 3600_000, now, 'de', t)).toBe('vor 3 Stunden');
    expect(relativeTime(now - 24 * 3600_000, now, 'de', t)).toBe('gestern');
    expect(relativeTime(now - 5 * 60_000, now, 'en', translator(en, 'en'))).toBe('5 minutes ago');
  });
});
