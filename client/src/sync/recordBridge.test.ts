import type { Participant, Round } from '@common-ground/shared/api';
import { DEFAULT_DECISION_RULE, wordingHash } from '@common-ground/shared/rules';
import { proposeGoal, writeRecordEntries } from '@common-ground/shared/schema';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBoardStore } from './boardStore';
import { bridgeRecord } from './recordBridge';

function round(id: string, goalId: string, overrides: Partial<Round> = {}): Round {
  return {
    id,
    boardId: 'b'.repeat(16),
    goalId,
    number: 1,
    status: 'open',
    openedAt: 1000,
    openedBy: 'facilitator',
    visibility: 'open',
    autoClose: false,
    rule: DEFAULT_DECISION_RULE,
    wording: { title: `Ziel ${goalId}`, description: '', hash: wordingHash(`Ziel ${goalId}`, '') },
    eligiblePartnerIds: ['p1', 'p2'],
    stances: [],
    history: [],
    tally: { agree: 0, concerns: 0, stand_aside: 0, object: 0, responded: 0, eligible: 2 },
    ...overrides,
  };
}

const participant = (id: string): Participant => ({
  id,
  name: `Person ${id}`,
  role: 'partner',
  partnerId: null,
  color: '#336699',
});

/** A board with goals g1 and g2, its record, and the record bridge with a counting stand-in for the API. */
function session() {
  const doc = new Y.Doc();
  for (const id of ['g1', 'g2']) {
    proposeGoal(doc, { id, title: `Ziel ${id}`, description: '', createdBy: 'p1', now: 1 });
  }
  const record = new Y.Doc();
  const store = createBoardStore(doc, record, []);
  let viewerView: Round[] = [];
  // Each request of the participant's view; awaiting the last one lets the bridge take its answer first.
  const loads: Promise<Round[]>[] = [];
  const bridge = bridgeRecord(record, store, () => {
    const load = Promise.resolve(viewerView);
    loads.push(load);
    return load;
  });
  return {
    record,
    store,
    bridge,
    loads,
    setViewerView: (rounds: Round[]) => {
      viewerView = rounds;
    },
  };
}

describe('bridgeRecord', () => {
  it('derives round states again only when the rounds changed, and then asks the API for its view', async () => {
    const { record, store, loads, setViewerView } = session();
    const tally = { agree: 1, concerns: 0, stand_aside: 0, object: 0, responded: 1, eligible: 2 };
    // The API's view of the round includes this participant's own stance, which the record's public view lacks.
    setViewerView([round('r1', 'g1', { tally })]);
    writeRecordEntries(record, { rounds: [round('r1', 'g1')] });
    await loads.at(-1);
    const first = store.getState();
    expect(first.goalRounds.g1?.open?.tally.responded).toBe(1);
    expect(loads).toHaveLength(1);

    writeRecordEntries(record, { participants: [participant('p9')] });
    const second = store.getState();
    expect(second.participants.map((p) => p.id)).toContain('p9');
    expect(second.rounds).toBe(first.rounds);
    expect(second.goalRounds).toBe(first.goalRounds);
    expect(loads).toHaveLength(1);

    writeRecordEntries(record, { rounds: [round('r2', 'g2')] });
    await loads.at(-1);
    const third = store.getState();
    expect(third.goalRounds.g1).toBe(first.goalRounds.g1);
    expect(third.goalRounds.g2?.open?.id).toBe('r2');
    expect(loads).toHaveLength(2);
  });

  it('shows a round the API returned before the record has it, and the seed until the record knows a person', () => {
    const { store, bridge } = session();
    bridge.putRound(round('r3', 'g2'));
    expect(store.getState().goalRounds.g2?.open?.id).toBe('r3');
    bridge.seed({ partners: [], participants: [participant('p1')] });
    expect(store.getState().participants.map((p) => p.id)).toEqual(['p1']);
  });

  it('stops following the record when stopped', () => {
    const { record, store, bridge } = session();
    bridge.stop();
    writeRecordEntries(record, { participants: [participant('p9')] });
    expect(record.getMap('participants').size).toBe(1);
    expect(store.getState().participants).toEqual([]);
  });
});
