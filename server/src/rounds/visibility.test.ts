import type { Round, RoundVisibility } from '@common-ground/shared/api';
import { DEFAULT_DECISION_RULE, STANCES } from '@common-ground/shared/rules';
import { describe, expect, it } from 'vitest';
import type { StanceRecord, StoredRound } from '../storage/types';
import { PUBLIC_VIEWER, roundView, type Viewer } from './view';

/**
 * What each viewer learns of a round, per visibility, before and after closing: the fields that could link a
 * stance to a partner (values, order, times) or tell that a partner changed its stance (`superseded`, history).
 */

const SECRET = 'Unser Vorstand sieht das anders';
const stance = (
  id: number,
  partnerId: string,
  at: number,
  fields: Partial<StanceRecord> = {},
): StanceRecord => ({
  id,
  roundId: 'round-1',
  partnerId,
  stance: 'agree',
  reason: null,
  provisionalUntil: null,
  recordedBy: `person-${partnerId}`,
  byFacilitator: false,
  at,
  ...fields,
});
/** pa objected first and then changed to concerns; pb agreed (recorded by the facilitator); pc stood aside. */
const changed = [
  stance(1, 'pa', 1_001, { stance: 'object', reason: SECRET }),
  stance(2, 'pb', 1_002, { byFacilitator: true, recordedBy: 'facilitator' }),
  stance(3, 'pc', 1_003, { stance: 'stand_aside' }),
  stance(4, 'pa', 1_004, { stance: 'concerns', reason: SECRET }),
];
/** The same final stances, given once each and in another order: pa never changed its mind. */
const unchanged = [
  stance(1, 'pc', 1_001, { stance: 'stand_aside' }),
  stance(2, 'pb', 1_002, { byFacilitator: true, recordedBy: 'facilitator' }),
  stance(3, 'pa', 1_003, { stance: 'concerns', reason: SECRET }),
];
const closure = {
  roundId: 'round-1',
  closedAt: 5_000,
  outcome: 'agreed',
  reasons: [],
  closedBy: 'facilitator',
  agreedStructure: null,
} as const;
const round = (visibility: RoundVisibility, closed: boolean, stances = changed): StoredRound => ({
  id: 'round-1',
  boardId: 'board-1',
  goalId: 'goal-1',
  number: 1,
  openedAt: 1_000,
  openedBy: 'facilitator',
  deadline: null,
  visibility,
  autoClose: false,
  rule: DEFAULT_DECISION_RULE,
  wording: { title: 'Ziel', description: 'Text', hash: 'a'.repeat(64) },
  eligiblePartnerIds: ['pa', 'pb', 'pc', 'pd'],
  closure: closed ? closure : null,
  stances,
});

const facilitator: Viewer = { partnerId: null, role: 'facilitator' };
const observer: Viewer = { partnerId: null, role: 'observer' };
const memberOfPa: Viewer = { partnerId: 'pa', role: 'partner' };
/** pd has not answered: another partner's person, who learns nothing of pa's stance. */
const memberOfPd: Viewer = { partnerId: 'pd', role: 'partner' };
const outsiders = { facilitator, observer, memberOfPd, public: PUBLIC_VIEWER };
const phases = [
  ['before', false],
  ['after', true],
] as const;

/** The parts of a view that speak about stances; the round's own times (openedAt, closedAt) are not theirs. */
const aboutStances = (view: Round) => JSON.stringify({ stances: view.stances, history: view.history });

describe('roundView: hidden rounds', () => {
  it.each(Object.entries(outsiders))('before closing, %s learns only how many answered', (_name, viewer) => {
    const view = roundView(round('hidden', false), viewer);
    expect(view.tally).toEqual({ responded: 3, eligible: 4 });
    expect(view.stances).toEqual([]);
    expect(view.history).toEqual([]);
    for (const value of [...STANCES, SECRET, 'pa', 'person-', '"at"', 'superseded']) {
      expect(aboutStances(view)).not.toContain(value);
    }
  });

  it('before closing, a member sees its own partner’s stances in full, and of the others only the count', () => {
    const view = roundView(round('hidden', false), memberOfPa);
    expect(view.tally).toEqual({ responded: 3, eligible: 4 });
    expect(view.stances).toEqual([
      {
        partnerId: 'pa',
        stance: 'concerns',
        reason: SECRET,
        recordedBy: 'person-pa',
        recordedByFacilitator: false,
        at: 1_004,
      },
    ]);
    expect(view.history.map((h) => [h.stance, h.at, h.superseded])).toEqual([
      ['object', 1_001, true],
      ['concerns', 1_004, false],
    ]);
  });

  it.each(Object.entries({ ...outsiders, memberOfPa }))(
    'after closing, %s sees everything',
    (_name, viewer) => {
      const view = roundView(round('hidden', true), viewer);
      expect(view.tally).toEqual({
        agree: 1,
        concerns: 1,
        stand_aside: 1,
        object: 0,
        responded: 3,
        eligible: 4,
      });
      expect(view.stances.map((s) => [s.partnerId, s.stance])).toEqual([
        ['pb', 'agree'],
        ['pc', 'stand_aside'],
        ['pa', 'concerns'],
      ]);
      expect(view.history).toHaveLength(4);
    },
  );

  it('an observer that claims a partner (the design rules it out) sees no more than any observer', () => {
    const claiming: Viewer = { partnerId: 'pa', role: 'observer' };
    expect(roundView(round('hidden', false), claiming)).toEqual(roundView(round('hidden', false), observer));
  });
});

describe('roundView: anonymous rounds', () => {
  describe.each(phases)('%s closing', (_phase, closed) => {
    it.each(Object.entries(outsiders))(
      '%s sees stances and reasons, but no partner, time, order or change',
      (_name, viewer) => {
        const view = roundView(round('anonymous', closed), viewer);
        expect(view.tally).toEqual({
          agree: 1,
          concerns: 1,
          stand_aside: 1,
          object: 0,
          responded: 3,
          eligible: 4,
        });
        expect(view.stances).toEqual([
          { partnerId: null, stance: 'agree', recordedBy: null, recordedByFacilitator: true },
          {
            partnerId: null,
            stance: 'concerns',
            reason: SECRET,
            recordedBy: null,
            recordedByFacilitator: false,
          },
          { partnerId: null, stance: 'stand_aside', recordedBy: null, recordedByFacilitator: false },
        ]);
        expect(view.history).toEqual([]);
        expect(aboutStances(view)).not.toContain('superseded');
        expect(aboutStances(view)).not.toContain('"at"');
      },
    );

    it.each(Object.entries({ ...outsiders, memberOfPb: { partnerId: 'pb', role: 'partner' } as Viewer }))(
      'for %s, a partner that changed its stance cannot be told from one that did not',
      (_name, viewer) => {
        expect(roundView(round('anonymous', closed, changed), viewer)).toEqual(
          roundView(round('anonymous', closed, unchanged), viewer),
        );
      },
    );

    it('a member sees its own partner’s stance and history, the others unlinked', () => {
      const view = roundView(round('anonymous', closed), memberOfPa);
      expect(view.stances.map((s) => s.partnerId)).toEqual([null, 'pa', null]);
      expect(view.stances[1]).toMatchObject({ stance: 'concerns', at: 1_004 });
      expect(view.history.map((h) => [h.partnerId, h.stance, h.superseded])).toEqual([
        ['pa', 'object', true],
        ['pa', 'concerns', false],
      ]);
    });
  });
});

describe('roundView: open rounds', () => {
  it.each(phases)(
    '%s closing, everyone sees every stance with its partner, time and history',
    (_phase, closed) => {
      for (const viewer of Object.values({ ...outsiders, memberOfPa })) {
        const view = roundView(round('open', closed), viewer);
        expect(
          view.stances.map((s) => [s.partnerId, s.stance, s.partnerId && 'at' in s ? s.at : null]),
        ).toEqual([
          ['pb', 'agree', 1_002],
          ['pc', 'stand_aside', 1_003],
          ['pa', 'concerns', 1_004],
        ]);
        expect(view.history.map((h) => h.superseded)).toEqual([true, false, false, false]);
        expect(view.tally).toMatchObject({ agree: 1, concerns: 1, stand_aside: 1, object: 0 });
      }
    },
  );
});
