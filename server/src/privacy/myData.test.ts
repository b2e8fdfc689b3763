import { DEFAULT_MAIL_PREFERENCES, LOCALES, MyDataResponse } from '@common-ground/shared/api';
import { DEFAULT_DECISION_RULE } from '@common-ground/shared/rules';
import { describe, expect, it } from 'vitest';
import type { DocEvent } from '../activity/replay';
import { exportText } from '../exports/text';
import type { ParticipantRecord, StoredRound } from '../storage/types';
import { assembleMyData, type MyDataSources } from './myData';
import { myDataMarkdown } from './myDataMarkdown';

const NOW = 1_800_000_000_000;
const ME: ParticipantRecord = {
  id: 'me-1',
  boardId: 'board-1',
  name: 'Ayşe',
  role: 'partner',
  partnerId: 'org-a',
  pendingPartnerId: null,
  color: '#1d4ed8',
  createdAt: NOW,
};
const OTHER = 'other-1';

const event = (participantId: string, change: DocEvent['change'], goalId = 'g1'): DocEvent => ({
  id: `${participantId}-${change.type}`,
  goalId,
  participantId,
  startedAt: NOW + 1,
  at: NOW + 2,
  goalTitle: 'Wiese',
  change,
});

const round: StoredRound = {
  id: 'r1',
  boardId: 'board-1',
  goalId: 'g1',
  number: 1,
  openedAt: NOW + 3,
  openedBy: ME.id,
  deadline: null,
  visibility: 'anonymous',
  autoClose: false,
  rule: DEFAULT_DECISION_RULE,
  wording: { title: 'Wiese', description: '', hash: 'a'.repeat(64) },
  eligiblePartnerIds: ['org-a', 'org-b'],
  closure: null,
  stances: [
    {
      id: 1,
      roundId: 'r1',
      partnerId: 'org-a',
      stance: 'concerns',
      reason: 'mein Grund',
      provisionalUntil: NOW + 99,
      recordedBy: ME.id,
      byFacilitator: false,
      at: NOW + 4,
    },
    {
      id: 2,
      roundId: 'r1',
      partnerId: 'org-b',
      stance: 'object',
      reason: 'fremder Grund',
      provisionalUntil: null,
      recordedBy: OTHER,
      byFacilitator: false,
      at: NOW + 5,
    },
    {
      id: 3,
      roundId: 'r1',
      partnerId: 'org-a',
      stance: 'agree',
      reason: null,
      provisionalUntil: null,
      recordedBy: 'facilitator-1',
      byFacilitator: true,
      at: NOW + 6,
    },
  ],
};

/** A board on which the person did something of every kind, and someone else did the same beside them. */
function sources(): MyDataSources {
  return {
    now: NOW + 100,
    me: ME,
    board: { id: 'board-1', title: 'Runder Tisch <b>Süd</b>', createdAt: NOW },
    partners: [
      { id: 'org-a', boardId: 'board-1', name: 'Mieterverein', kind: 'residents', createdAt: NOW },
      { id: 'org-b', boardId: 'board-1', name: 'Wohnbau', kind: 'housing', createdAt: NOW },
    ],
    proposedPartners: [
      { id: 'org-c', boardId: 'board-1', name: 'Neu e.V.', kind: 'other', createdAt: NOW, proposedBy: ME.id },
      {
        id: 'org-d',
        boardId: 'board-1',
        name: 'Fremd e.V.',
        kind: 'other',
        createdAt: NOW,
        proposedBy: OTHER,
      },
    ],
    deviceTimes: [NOW, NOW + 7],
    deviceLinks: [{ kind: 'reentry', createdAt: NOW + 6, expiresAt: NOW + 60, usedAt: NOW + 7 }],
    lastVisitAt: NOW + 50,
    recipient: {
      participantId: ME.id,
      boardId: 'board-1',
      address: 'ayse@example.org',
      confirmedAt: NOW + 8,
      confirmTokenHash: 'secret-hash',
      confirmSentAt: NOW + 7,
      preferences: DEFAULT_MAIL_PREFERENCES,
      language: 'tr',
      createdAt: NOW + 7,
      updatedAt: NOW + 8,
    },
    mails: [
      { kind: 'confirm', subject: 'Bitte bestätigen', status: 'sent', createdAt: NOW + 7, sentAt: NOW + 8 },
    ],
    calendarFeed: {
      participantId: ME.id,
      boardId: 'board-1',
      feedId: 'feed',
      secretHash: 'feed-hash',
      createdAt: NOW,
    },
    attributions: [
      { kind: 'goal', id: 'g1', goalId: 'g1', participantId: ME.id, at: NOW + 1, contentHash: null },
      { kind: 'goal', id: 'g2', goalId: 'g2', participantId: OTHER, at: NOW + 1, contentHash: null },
      {
        kind: 'translation',
        id: `g1:tr:${ME.id}`,
        goalId: 'g1',
        participantId: ME.id,
        at: NOW + 2,
        contentHash: null,
      },
    ],
    docEvents: [
      event(ME.id, { type: 'goal_proposed', title: 'Wiese', description: '' }),
      event(ME.id, { type: 'wording_changed', field: 'title', before: 'Wies', after: 'Wiese' }),
      event(ME.id, { type: 'wording_changed', field: 'title', before: 'x', after: 'x' }),
      event(ME.id, { type: 'stage_changed', from: 'proposed', to: 'discussing' }),
      event(ME.id, { type: 'comment_added', commentId: 'c1', text: 'mein *Kommentar*' }),
      event(ME.id, { type: 'comment_added', commentId: 'c2', text: 'versteckter Kommentar' }),
      event(OTHER, { type: 'comment_added', commentId: 'c3', text: 'fremder Kommentar' }, 'g2'),
    ],
    titleOf: (goalId) => (goalId === 'g1' ? 'Wiese' : 'Fremdes Ziel'),
    hiddenComments: [
      { boardId: 'board-1', goalId: 'g1', commentId: 'c2', by: OTHER, at: NOW + 9 },
      { boardId: 'board-1', goalId: 'g2', commentId: 'c3', by: ME.id, at: NOW + 9 },
    ],
    rounds: [round],
    amendments: [
      {
        id: 'a1',
        boardId: 'board-1',
        goalId: 'g1',
        roundId: 'r1',
        authorId: ME.id,
        title: 'Grüne Wiese',
        description: null,
        proposedAt: NOW + 10,
        status: 'adopted',
        resolvedBy: OTHER,
        resolvedAt: NOW + 11,
      },
    ],
    meetings: [
      {
        meeting: {
          id: 'm1',
          boardId: 'board-1',
          title: 'Runde März',
          start: NOW + 20,
          end: NOW + 30,
          timeZone: 'Europe/Berlin',
          place: null,
          link: null,
          agenda: [],
          note: null,
          status: 'cancelled',
          sequence: 1,
          createdBy: ME.id,
          createdAt: NOW + 12,
          updatedAt: NOW + 13,
        },
        comments: [
          { id: 'k1', participantId: ME.id, text: 'mein Protokollkommentar', at: NOW + 31 },
          { id: 'k2', participantId: OTHER, text: 'fremder Protokollkommentar', at: NOW + 32 },
        ],
        attendance: [
          { participantId: ME.id, firstSeenAt: NOW + 21 },
          { participantId: OTHER, firstSeenAt: NOW + 22 },
        ],
        final: null,
      },
    ],
    profiles: [
      {
        partnerId: 'org-a',
        description: 'Wir',
        offers: ['rooms'],
        offersNote: '',
        interests: 'Grün',
        contact: '',
        updatedBy: ME.id,
        updatedAt: NOW + 14,
      } as MyDataSources['profiles'][number],
    ],
    relations: [
      {
        id: 'rel1',
        boardId: 'board-1',
        from: 'org-a',
        to: 'org-b',
        kind: 'cooperation',
        strength: 2,
        note: 'seit Jahren',
        createdBy: ME.id,
        createdAt: NOW + 15,
        removedAt: NOW + 16,
        removedBy: OTHER,
      },
    ],
    invites: [
      {
        id: 'i1',
        boardId: 'board-1',
        role: 'observer',
        maxUses: null,
        uses: 3,
        expiresAt: NOW + 1000,
        createdBy: ME.id,
        createdAt: NOW + 17,
        revokedAt: NOW + 18,
        revokedBy: OTHER,
      },
    ],
    privacyNote: { text: 'Zusatz', updatedBy: ME.id, updatedAt: NOW + 19 },
  };
}

describe('a participant’s copy of their data', () => {
  it('takes the person’s own rows and leaves out everyone else’s', () => {
    const data = MyDataResponse.parse(assembleMyData(sources()));
    expect(data.goalsProposed.map((g) => g.goalId)).toEqual(['g1']);
    expect(data.edits.map((e) => e.type)).toEqual(['wording_changed', 'stage_changed']);
    expect(data.comments.map((c) => [c.commentId, c.hidden])).toEqual([
      ['c1', false],
      ['c2', true],
    ]);
    expect(data.translations).toEqual([{ goalId: 'g1', goalTitle: 'Wiese', language: 'tr', at: NOW + 2 }]);
    expect(data.stances.map((s) => [s.stance, s.recordedBy])).toEqual([
      ['concerns', 'self'],
      ['agree', 'facilitator'],
    ]);
    expect(data.minutesComments.map((c) => c.text)).toEqual(['mein Protokollkommentar']);
    expect(data.attendance).toHaveLength(1);
    expect(data.organisationsProposed.map((o) => o.id)).toEqual(['org-c']);
    expect(data.commentsHidden.map((h) => h.commentId)).toEqual(['c3']);
    expect(data.mail?.status).toBe('confirmed');
    const json = JSON.stringify(data);
    for (const foreign of [OTHER, 'fremd', 'Fremd e.V.', 'facilitator-1', 'secret-hash', 'feed-hash']) {
      expect(json).not.toContain(foreign);
    }
  });

  it('renders every section in every language, the person’s text escaped', () => {
    const data = assembleMyData(sources());
    for (const locale of LOCALES) {
      const md = myDataMarkdown(data, exportText(locale));
      // A placeholder left unfilled, or a select's branch name, would show as braces.
      expect(md, locale).not.toMatch(/[{}]/);
      expect(md, locale).not.toContain('<b>');
      expect(md, locale).toContain('Ayşe');
      expect(md, locale).toContain('ayse@example.org');
      expect(md, locale).not.toContain('fremder');
    }
    const german = myDataMarkdown(data, exportText('de'));
    expect(german).toContain('# Meine Daten: Runder Tisch');
    expect(german).toContain('mein \\*Kommentar\\*');
    expect(german).toContain('von der Moderation ausgeblendet');
    expect(german).toContain('Sprache der E-Mails: Türkçe');
  });

  it('says "none" where the person has nothing', () => {
    const empty: MyDataSources = {
      ...sources(),
      deviceTimes: [],
      deviceLinks: [],
      lastVisitAt: null,
      recipient: null,
      mails: [],
      calendarFeed: null,
      attributions: [],
      docEvents: [],
      rounds: [],
      amendments: [],
      meetings: [],
      profiles: [],
      relations: [],
      invites: [],
      proposedPartners: [],
      hiddenComments: [],
      privacyNote: null,
    };
    const md = myDataMarkdown(assembleMyData(empty), exportText('en'));
    expect(md).toContain('No device has access any more.');
    expect(md).toContain('You have not given an e-mail address.');
    expect(md).toContain('Last visit: none recorded yet');
    expect(md.match(/^None\.$/gm)?.length).toBeGreaterThanOrEqual(8);
  });
});
