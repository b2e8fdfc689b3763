import type { RecordedStance, Round } from '@common-ground/shared/api';
import { DEFAULT_DECISION_RULE, wordingHash } from '@common-ground/shared/rules';
import { describe, expect, it } from 'vitest';
import { missingPartners, roundsAwaitingPartner, timeLeft } from './awaiting';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const stance = (partnerId: string | null): RecordedStance =>
  partnerId === null
    ? { partnerId, stance: 'agree', recordedBy: null, recordedByFacilitator: false }
    : { partnerId, stance: 'agree', recordedBy: partnerId, recordedByFacilitator: false, at: 1 };

function round(overrides: Partial<Round> & Pick<Round, 'id'>): Round {
  const stances = overrides.stances ?? [];
  return {
    boardId: 'b'.repeat(16),
    goalId: 'g1',
    number: 1,
    status: 'open',
    openedAt: 0,
    openedBy: 'facilitator',
    visibility: 'open',
    autoClose: false,
    rule: DEFAULT_DECISION_RULE,
    wording: { title: 'T', description: 'D', hash: wordingHash('T', 'D') },
    eligiblePartnerIds: ['p1', 'p2', 'p3'],
    history: [],
    tally: {
      agree: stances.length,
      concerns: 0,
      stand_aside: 0,
      object: 0,
      responded: stances.length,
      eligible: 3,
    },
    ...overrides,
    stances,
  };
}

describe('timeLeft', () => {
  const now = 1_000_000;
  it('counts whole days, then hours, then says less than an hour', () => {
    expect(timeLeft(now + 3 * DAY + 5 * HOUR, now)).toEqual({ key: 'time.days', count: 3 });
    expect(timeLeft(now + DAY, now)).toEqual({ key: 'time.days', count: 1 });
    expect(timeLeft(now + 5 * HOUR + 1, now)).toEqual({ key: 'time.hours', count: 5 });
    expect(timeLeft(now + HOUR, now)).toEqual({ key: 'time.hours', count: 1 });
    expect(timeLeft(now + 1, now)).toEqual({ key: 'time.lessThanHour' });
    expect(timeLeft(now, now)).toEqual({ key: 'time.over' });
    expect(timeLeft(undefined, now)).toEqual({ key: 'time.noDeadline' });
  });
});

describe('roundsAwaitingPartner', () => {
  it('lists open rounds the partner has a voice in and has not answered, soonest deadline first', () => {
    const rounds = [
      round({ id: 'late', deadline: 5 * DAY }),
      round({ id: 'none' }),
      round({ id: 'soon', deadline: DAY }),
      round({ id: 'answered', stances: [stance('p1')] }),
      round({ id: 'closed', status: 'closed', outcome: 'agreed' }),
      round({ id: 'joined-later', eligiblePartnerIds: ['p2', 'p3'] }),
    ];
    expect(roundsAwaitingPartner(rounds, 'p1').map((r) => r.id)).toEqual(['soon', 'late', 'none']);
  });

  it('counts a round with hidden names as waiting only while someone has not answered', () => {
    const hidden = (responded: number) =>
      round({
        id: `h${responded}`,
        visibility: 'hidden',
        stances: Array.from({ length: responded }, () => stance(null)),
      });
    expect(roundsAwaitingPartner([hidden(2), hidden(3)], 'p1').map((r) => r.id)).toEqual(['h2']);
  });
});

describe('missingPartners', () => {
  it('names the partners without an answer in an open round, and only counts them otherwise', () => {
    expect(missingPartners(round({ id: 'r', stances: [stance('p2')] }))).toEqual({
      hidden: false,
      partnerIds: ['p1', 'p3'],
    });
    expect(missingPartners(round({ id: 'r', visibility: 'anonymous', stances: [stance(null)] }))).toEqual({
      hidden: true,
      missing: 2,
      eligible: 3,
    });
  });
});
