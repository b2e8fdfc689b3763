import type { ActivityEvent, Meeting } from '@common-ground/shared/api';
import { DEFAULT_DECISION_RULE, type Stance } from '@common-ground/shared/rules';
import { describe, expect, it } from 'vitest';
import { EMPTY_MINUTES_DRAFT, type StoredRound } from '../storage/types';
import { composeMinutes, type MinutesInputs } from './compose';

const START = 1_800_000_000_000;
const END = START + 7_200_000;
const HASH = 'a'.repeat(64);

const meeting: Meeting = {
  id: 'm-1',
  title: 'Runder Tisch',
  start: START,
  end: END,
  timeZone: 'Europe/Berlin',
  place: null,
  link: null,
  agenda: [
    { kind: 'goal', goalId: 'g-agenda' },
    { kind: 'item', text: 'Begrüßung' },
  ],
  note: null,
  status: 'scheduled',
  sequence: 0,
  createdBy: 'fac',
  createdAt: START - 1,
  updatedAt: START - 1,
};

function round(
  id: string,
  goalId: string,
  number: number,
  openedAt: number,
  options: {
    closedAt?: number;
    outcome?: 'agreed' | 'objected';
    visibility?: StoredRound['visibility'];
    stances?: [string, Stance, string?][];
  } = {},
): StoredRound {
  return {
    id,
    boardId: 'b',
    goalId,
    number,
    openedAt,
    openedBy: 'fac',
    deadline: null,
    visibility: options.visibility ?? 'open',
    autoClose: false,
    rule: DEFAULT_DECISION_RULE,
    wording: { title: `Wortlaut ${goalId}`, description: '', hash: HASH },
    eligiblePartnerIds: ['p-a', 'p-b'],
    closure:
      options.closedAt === undefined
        ? null
        : {
            roundId: id,
            closedAt: options.closedAt,
            outcome: options.outcome ?? 'agreed',
            reasons: [],
            closedBy: 'fac',
            agreedStructure: null,
          },
    stances: (options.stances ?? []).map(([partnerId, stance, reason], i) => ({
      id: i + 1,
      roundId: id,
      partnerId,
      stance,
      reason: reason ?? null,
      provisionalUntil: null,
      recordedBy: `person-${partnerId}`,
      byFacilitator: false,
      at: openedAt + i + 1,
    })),
  };
}

const event = (goalId: string, at: number, change: Record<string, unknown> & Pick<ActivityEvent, 'type'>) =>
  ({
    id: `${goalId}-${at}`,
    at,
    goalId,
    goalTitle: `Titel ${goalId}`,
    participantId: 'person-p-a',
    participantName: null,
    partnerId: 'p-a',
    partnerName: null,
    ...change,
  }) as ActivityEvent;

function inputs(overrides: Partial<MinutesInputs> = {}): MinutesInputs {
  return {
    meeting,
    draft: EMPTY_MINUTES_DRAFT,
    seen: [],
    participants: new Map([
      ['fac', { partnerId: null }],
      ['person-p-a', { partnerId: 'p-a' }],
      ['person-p-b', { partnerId: 'p-b' }],
    ]),
    partnerIds: ['p-a', 'p-b'],
    events: [],
    rounds: [],
    goalTitles: new Map([
      ['g-agenda', 'Auf der Tagesordnung'],
      ['g-1', 'Titel g-1'],
      ['g-2', 'Titel g-2'],
    ]),
    comments: [],
    now: END,
    ...overrides,
  };
}

describe('composeMinutes', () => {
  it('lists who was seen, once each, without those taken off, then those the facilitator added', () => {
    const content = composeMinutes(
      inputs({
        seen: ['person-p-b', 'person-p-a', 'person-p-b', 'stranger'],
        draft: {
          ...EMPTY_MINUTES_DRAFT,
          attendance: { added: ['fac', 'person-p-a'], removed: ['person-p-b'] },
        },
      }),
    );
    expect(content.attendees).toEqual([
      { participantId: 'person-p-a', partnerId: 'p-a', source: 'presence' },
      { participantId: 'fac', partnerId: null, source: 'facilitator' },
    ]);
  });

  it('reports what happened to each goal during the meeting, agenda goals even when nothing did', () => {
    const content = composeMinutes(
      inputs({
        events: [
          event('g-old', START - 1, { type: 'goal_proposed' }),
          event('g-1', START + 10, { type: 'goal_proposed' }),
          event('g-1', START + 20, { type: 'wording_changed' }),
          event('g-1', START + 30, { type: 'wording_changed' }),
          event('g-2', START + 40, { type: 'stage_changed', from: 'proposed', to: 'discussing' }),
          event('g-2', END + 1, { type: 'goal_removed' }),
        ],
      }),
    );
    expect(content.goals.map((g) => g.goalId)).toEqual(['g-agenda', 'g-1', 'g-2']);
    expect(content.goals[0]).toMatchObject({ title: 'Auf der Tagesordnung', onAgenda: true, rounds: [] });
    expect(content.goals[1]).toMatchObject({
      proposed: { participantId: 'person-p-a', partnerId: 'p-a' },
      wordingChanges: 2,
      removed: false,
    });
    expect(content.goals[2]).toMatchObject({ movedTo: 'discussing', removed: false });
  });

  it('takes the rounds open at some moment of the meeting, in number order, as everyone may see them', () => {
    const content = composeMinutes(
      inputs({
        rounds: [
          round('r-before', 'g-1', 1, START - 100, { closedAt: START - 50, outcome: 'objected' }),
          round('r-3', 'g-1', 3, START + 100, { stances: [['p-a', 'agree']] }),
          round('r-2', 'g-1', 2, START - 10, { closedAt: START + 50, outcome: 'objected' }),
          round('r-after', 'g-2', 1, END + 1),
          round('r-anon', 'g-2', 2, START, {
            visibility: 'anonymous',
            stances: [['p-b', 'object', 'Zu laut']],
          }),
        ],
      }),
    );
    const byGoal = new Map(content.goals.map((g) => [g.goalId, g.rounds.map((r) => r.roundId)]));
    expect(byGoal.get('g-1')).toEqual(['r-2', 'r-3']);
    expect(byGoal.get('g-2')).toEqual(['r-anon']);
    const anonymous = content.goals.find((g) => g.goalId === 'g-2')?.rounds[0];
    expect(anonymous?.stances).toEqual([expect.objectContaining({ partnerId: null, reason: 'Zu laut' })]);
  });

  it('lists the objections still standing: the latest round per goal, open or ended by them, never a removed goal', () => {
    const content = composeMinutes(
      inputs({
        goalTitles: new Map([
          ['g-1', 'Eins'],
          ['g-2', 'Zwei'],
          ['g-3', 'Drei'],
        ]),
        rounds: [
          // Objected, then agreed in a later round: settled.
          round('r-1a', 'g-1', 1, START, {
            closedAt: START + 1,
            outcome: 'objected',
            stances: [['p-b', 'object']],
          }),
          round('r-1b', 'g-1', 2, START + 2, {
            closedAt: START + 3,
            outcome: 'agreed',
            stances: [['p-b', 'agree']],
          }),
          // Open with an objection; a later round opened after the meeting does not count.
          round('r-2', 'g-2', 1, START, { stances: [['p-b', 'object', 'Kein Geld']] }),
          round('r-2-late', 'g-2', 2, END + 1),
          // Ended by an objection on a goal no longer on the board.
          round('r-gone', 'g-gone', 1, START, {
            closedAt: START + 1,
            outcome: 'objected',
            stances: [['p-a', 'object']],
          }),
          // Hidden and still open: nobody sees who objected yet.
          round('r-3', 'g-3', 1, START, { visibility: 'hidden', stances: [['p-a', 'object', 'Zu früh']] }),
        ],
      }),
    );
    expect(content.openObjections).toEqual([
      {
        goalId: 'g-2',
        goalTitle: 'Zwei',
        roundId: 'r-2',
        roundNumber: 1,
        roundOpen: true,
        partnerId: 'p-b',
        reason: 'Kein Geld',
      },
    ]);
  });

  it('carries the facilitator’s guests, next steps and notes and the comments as they are', () => {
    const draft = {
      attendance: { added: [], removed: [] },
      guests: [{ id: 'g', name: 'Frau Demir', partnerId: 'p-a' }],
      nextSteps: [{ id: 's', text: 'Einladen', ownerPartnerId: 'p-b', due: '2027-01-01' }],
      notes: 'Notiz',
    };
    const comments = [{ id: 'c', participantId: 'person-p-a', text: 'Danke', at: END }];
    const content = composeMinutes(inputs({ draft, comments }));
    expect(content).toMatchObject({
      guests: draft.guests,
      nextSteps: draft.nextSteps,
      notes: draft.notes,
      comments,
      period: { from: START, to: END },
      partnerIds: ['p-a', 'p-b'],
    });
  });
});
