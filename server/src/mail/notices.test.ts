import type { ActivityEvent } from '@common-ground/shared/api';
import { describe, expect, it } from 'vitest';
import { digestBlocks, isEmptyDigest, summarise } from './digest';
import { latestDigestSlot } from './schedule';
import { mailText } from './text';

describe('digest times (07:00 Europe/Berlin, weekly on Mondays)', () => {
  it('is today at seven after seven, yesterday at seven before, in winter and in summer time', () => {
    // 2027-01-13 (Wednesday) 10:00 UTC = 11:00 in Berlin (CET, UTC+1): 07:00 CET = 06:00 UTC.
    expect(new Date(latestDigestSlot(Date.UTC(2027, 0, 13, 10), 'daily')).toISOString()).toBe(
      '2027-01-13T06:00:00.000Z',
    );
    expect(new Date(latestDigestSlot(Date.UTC(2027, 0, 13, 5, 59), 'daily')).toISOString()).toBe(
      '2027-01-12T06:00:00.000Z',
    );
    // Summer (CEST, UTC+2): 07:00 CEST = 05:00 UTC.
    expect(new Date(latestDigestSlot(Date.UTC(2027, 6, 14, 5), 'daily')).toISOString()).toBe(
      '2027-07-14T05:00:00.000Z',
    );
    // The morning the clocks go forward (2027-03-28) and the one they go back (2027-10-31).
    expect(new Date(latestDigestSlot(Date.UTC(2027, 2, 28, 12), 'daily')).toISOString()).toBe(
      '2027-03-28T05:00:00.000Z',
    );
    expect(new Date(latestDigestSlot(Date.UTC(2027, 9, 31, 12), 'daily')).toISOString()).toBe(
      '2027-10-31T06:00:00.000Z',
    );
  });

  it('is the latest Monday at seven for a weekly digest', () => {
    // Wednesday 2027-01-13 → Monday 2027-01-11; Monday before seven → the Monday before.
    expect(new Date(latestDigestSlot(Date.UTC(2027, 0, 13, 10), 'weekly')).toISOString()).toBe(
      '2027-01-11T06:00:00.000Z',
    );
    expect(new Date(latestDigestSlot(Date.UTC(2027, 0, 11, 5), 'weekly')).toISOString()).toBe(
      '2027-01-04T06:00:00.000Z',
    );
  });
});

const base = { participantId: null, participantName: null, partnerId: null, partnerName: null };
const event = (e: Partial<ActivityEvent> & Pick<ActivityEvent, 'type' | 'at' | 'goalId'>): ActivityEvent =>
  ({ id: `${e.type}-${e.at}`, goalTitle: `Ziel ${e.goalId}`, ...base, ...e }) as ActivityEvent;

describe('a digest', () => {
  const events: ActivityEvent[] = [
    event({ type: 'goal_proposed', at: 5, goalId: 'old', title: 'x', description: 'y' }),
    event({ type: 'goal_proposed', at: 15, goalId: 'g1', title: 'x', description: 'y' }),
    event({ type: 'goal_proposed', at: 16, goalId: 'gone', title: 'x', description: 'y' }),
    event({ type: 'goal_removed', at: 17, goalId: 'gone' }),
    event({ type: 'stage_changed', at: 18, goalId: 'g2', from: 'proposed', to: 'discussing' }),
    event({ type: 'stage_changed', at: 19, goalId: 'g2', from: 'discussing', to: 'ready' }),
    event({ type: 'goal_moved', at: 19, goalId: 'g3', stage: 'ready' }),
    event({ type: 'comment_added', at: 20, goalId: 'g2', commentId: 'c1', text: 'a' }),
    event({ type: 'comment_added', at: 21, goalId: 'g2', commentId: 'c2', text: 'b' }),
    event({ type: 'comment_added', at: 21, goalId: 'g2', commentId: 'c3', text: '', hidden: true }),
    event({ type: 'round_opened', at: 22, goalId: 'g2', roundId: 'r1', roundNumber: 1 }),
    event({ type: 'round_closed', at: 23, goalId: 'g2', roundId: 'r1', roundNumber: 1, outcome: 'agreed' }),
    event({ type: 'comment_added', at: 31, goalId: 'g1', commentId: 'c4', text: 'later' }),
  ];

  it('reports new goals, goals in another column, rounds and comment counts of its period only', () => {
    const summary = summarise(events, 10, 30);
    expect(summary.newGoals).toEqual(['Ziel g1']);
    expect(summary.moved).toEqual([{ goal: 'Ziel g2', stage: 'ready' }]);
    expect(summary.roundsOpened).toEqual([{ goal: 'Ziel g2', number: 1 }]);
    expect(summary.roundsClosed).toEqual([{ goal: 'Ziel g2', number: 1, outcome: 'agreed', at: 23 }]);
    expect(summary.comments).toEqual([{ goal: 'Ziel g2', count: 2 }]);
    const blocks = digestBlocks(mailText('de'), summary);
    expect(blocks.map((b) => ('heading' in b ? b.heading : ''))).toEqual([
      'Neue Ziele',
      'Ziele in einer anderen Spalte',
      'Begonnene Konsensrunden',
      'Geschlossene Konsensrunden',
      'Kommentare',
    ]);
    expect(JSON.stringify(blocks)).toContain('„Ziel g2“: Bereit zur Konsensrunde');
    expect(JSON.stringify(blocks)).toContain('„Ziel g2“: 2 neue Kommentare');
  });

  it('is empty when nothing changed in its period', () => {
    expect(isEmptyDigest(summarise(events, 40, 50))).toBe(true);
  });
});
