import type { Round } from '@common-ground/shared/api';
import { DEFAULT_DECISION_RULE } from '@common-ground/shared/rules';
import { readDecisionRule } from '@common-ground/shared/schema';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { recordDocKey } from '../rooms/docKeys';
import { createTestRooms, FakeConnection, join } from '../rooms/testSupport';
import { projectRound } from './projection';

const SECRET = 'Nur intern';
// Raw rather than readRounds: the test rooms' board id 'board-1' is not a valid public board id.
const projected = (doc: Y.Doc) => doc.getMap<Round>('rounds').get('r1');

async function setUp() {
  const setup = await createTestRooms();
  const { storage } = setup;
  await storage.partners.createPartner({
    id: 'pa',
    boardId: 'board-1',
    name: 'Mieterverein',
    kind: 'residents',
    createdAt: 0,
  });
  await storage.rounds.openRound(
    {
      id: 'r1',
      boardId: 'board-1',
      goalId: 'g1',
      openedAt: 1000,
      openedBy: 'alice',
      deadline: null,
      visibility: 'hidden',
      autoClose: false,
      wording: { title: 'Ziel', description: 'Text', hash: 'a'.repeat(64) },
    },
    DEFAULT_DECISION_RULE,
  );
  await storage.rounds.appendStance({
    roundId: 'r1',
    partnerId: 'pa',
    stance: 'object',
    reason: SECRET,
    provisionalUntil: null,
    recordedBy: 'bob',
    byFacilitator: false,
    at: 1001,
  });
  return setup;
}

describe('round projection into the record document', () => {
  it('loads rounds and the decision rule into the record as everyone may see them', async () => {
    const { rooms, storage } = await setUp();
    await storage.rounds.setDecisionRule(
      'board-1',
      { kind: 'consensus', quorum: 1, maxStandAsides: 1 },
      'alice',
      1000,
    );
    const room = await join(rooms, recordDocKey('board-1'), new FakeConnection('olga', false));
    const round = projected(room.doc);
    // A hidden round before closing: how many answered, nothing about the stance itself, its partner or its time.
    expect(round).toMatchObject({ id: 'r1', status: 'open', tally: { responded: 1, eligible: 1 } });
    expect(round?.tally).not.toHaveProperty('object');
    expect(round?.stances).toEqual([]);
    expect(round?.history).toEqual([]);
    for (const leak of [SECRET, 'object', 'bob', '1001']) {
      expect(JSON.stringify(room.doc.getMap('rounds').toJSON())).not.toContain(leak);
    }
    expect(readDecisionRule(room.doc)).toEqual({ kind: 'consensus', quorum: 1, maxStandAsides: 1 });
  });

  it('writes a changed round, and nothing when it did not change', async () => {
    const { rooms, storage } = await setUp();
    const key = recordDocKey('board-1');
    const room = await join(rooms, key, new FakeConnection('olga', false));
    await storage.rounds.closeRound({
      roundId: 'r1',
      closedAt: 2000,
      outcome: 'objected',
      reasons: ['objection'],
      closedBy: 'alice',
      agreedStructure: null,
    });
    const closed = await storage.rounds.getRound('r1');
    if (!closed) throw new Error('round missing');
    await rooms.mutate(key, (doc) => projectRound(doc, closed));
    expect(projected(room.doc)).toMatchObject({
      status: 'closed',
      outcome: 'objected',
      stances: [expect.objectContaining({ partnerId: 'pa', reason: SECRET, recordedBy: 'bob' })],
    });
    const count = await storage.log.countUpdates(key);
    await rooms.mutate(key, (doc) => projectRound(doc, closed));
    expect(await storage.log.countUpdates(key)).toBe(count);
  });
});
