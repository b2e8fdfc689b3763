import { type Goal, readGoalById, restoreGoal, withdrawGoal } from '@common-ground/shared/schema';
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { BoardClient } from '../helpers/clients';
import { addGoal, roundOf, useSeededBoard } from '../helpers/roundsApi';
import { waitFor } from '../helpers/wait';

/**
 * Goals are withdrawn and restored by their proposer (the server's record of who wrote them) or the facilitator,
 * with real providers: the server puts anyone else's change back in the writer's batch, names the writer as
 * `withdrawnBy` and keeps `withdrawnAt` near its own clock.
 */
describe('withdrawing and restoring goals', () => {
  const seeded = useSeededBoard();
  let goalId: string;
  let fac: BoardClient;
  let clientA: BoardClient;
  let clientB: BoardClient;

  const goalIn = (doc: Y.Doc): Goal | null => readGoalById(doc, goalId);
  const serverGoal = (): Goal | null => {
    const room = seeded.server.server.rooms.get(seeded.board.boardId);
    return room ? goalIn(room.doc) : null;
  };
  const entryAt = (client: BoardClient) => client.doc.getMap('goals').get(goalId) as Y.Map<unknown>;
  /** Every replica and the server hold `check`, with the same state vectors: nothing else is on its way. */
  const everywhere = async (check: (goal: Goal | null) => boolean, message: string) => {
    const clients = [fac, clientA, clientB];
    await waitFor(
      () =>
        check(serverGoal()) &&
        clients.every((c) => check(goalIn(c.doc))) &&
        clients.every((c) => Buffer.compare(Y.encodeStateVector(c.doc), Y.encodeStateVector(fac.doc)) === 0),
      { message },
    );
  };
  const notWithdrawn = (goal: Goal | null) => goal !== null && goal.withdrawnAt === undefined;

  beforeEach(async () => {
    const { server, board, pool } = seeded;
    fac = pool.connect(server.url, board.boardId, board.facilitator.token);
    clientA = pool.connect(server.url, board.boardId, board.partnerA.token);
    clientB = pool.connect(server.url, board.boardId, board.partnerB.token);
    await Promise.all([fac.synced, clientA.synced, clientB.synced]);
    goalId = await addGoal(server.server, board.boardId, clientA, 'Spielplatz sanieren', 'Bis 2027');
    // The server's record names A as the proposer once the batch is stored.
    await waitFor(
      async () =>
        (await server.server.storage.attributions.listAttributions(board.boardId)).some(
          (item) => item.id === goalId && item.participantId === board.partnerA.participantId,
        ),
      { message: 'A recorded as the proposer' },
    );
    await everywhere(notWithdrawn, 'the goal everywhere');
  });

  it("puts back a partner's withdrawal of a goal it did not propose, everywhere", async () => {
    withdrawGoal(clientB.doc, goalId, seeded.board.partnerB.participantId, Date.now());
    expect(goalIn(clientB.doc)?.withdrawnAt).toBeDefined();
    // Once the writer's batch (its change, then the server's) is through, no replica holds it withdrawn.
    await everywhere(notWithdrawn, 'B’s withdrawal put back');
    expect(entryAt(clientB).has('withdrawnBy')).toBe(false);
  });

  it('sends a refused withdrawal to nobody else: the others never hold the goal withdrawn, not even briefly', async () => {
    // The proposer and the facilitator each note, after every transaction their replica applies, whether the goal
    // reads as withdrawn: the refused change must reach them only together with the server's putting it back.
    const seen = { a: false, fac: false };
    const watch = (client: BoardClient, key: keyof typeof seen) => {
      const note = () => {
        if (goalIn(client.doc)?.withdrawnAt !== undefined || entryAt(client).has('withdrawnAt'))
          seen[key] = true;
      };
      client.doc.on('afterTransaction', note);
      return () => client.doc.off('afterTransaction', note);
    };
    const stops = [watch(clientA, 'a'), watch(fac, 'fac')];
    try {
      withdrawGoal(clientB.doc, goalId, seeded.board.partnerB.participantId, Date.now());
      await everywhere(notWithdrawn, 'B’s withdrawal put back');
      // The others hold B's change (their state vectors equal B's), yet never saw it in force.
      expect(seen).toEqual({ a: false, fac: false });
    } finally {
      for (const stop of stops) stop();
    }
  });

  it('keeps the proposer’s withdrawal with its stage, and the facilitator restores it', async () => {
    const before = Date.now();
    withdrawGoal(clientA.doc, goalId, seeded.board.partnerA.participantId, Date.now());
    await everywhere(
      (goal) =>
        goal?.withdrawnBy === seeded.board.partnerA.participantId &&
        (goal.withdrawnAt ?? 0) >= before &&
        goal.stage === 'proposed',
      'A’s withdrawal everywhere',
    );
    // Withdrawn goals get no round: the facilitator reads why.
    const refused = await seeded.rounds.open(seeded.board.boardId, seeded.board.facilitator.token, {
      goalId,
      visibility: 'open',
    });
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).toMatch(/withdrawn/);

    restoreGoal(clientB.doc, goalId);
    await everywhere((goal) => goal?.withdrawnAt !== undefined, 'B’s restore put back');
    restoreGoal(fac.doc, goalId);
    await everywhere(notWithdrawn, 'the facilitator’s restore everywhere');
    roundOf(
      await seeded.rounds.open(seeded.board.boardId, seeded.board.facilitator.token, {
        goalId,
        visibility: 'open',
      }),
      201,
    );
  });

  it('hostile: a forged withdrawnBy and a far-off time are repaired, huge and malformed values dropped', async () => {
    const { partnerA, partnerB } = seeded.board;
    clientA.doc.transact(() => {
      entryAt(clientA).set('withdrawnAt', Date.now() + 365 * 24 * 3600_000);
      entryAt(clientA).set('withdrawnBy', partnerB.participantId);
    });
    await everywhere(
      (goal) =>
        goal?.withdrawnBy === partnerA.participantId &&
        Math.abs((goal.withdrawnAt ?? 0) - Date.now()) < 60_000,
      'A named as the writer, with the server’s time',
    );
    restoreGoal(clientA.doc, goalId);
    await everywhere(notWithdrawn, 'restored by its proposer');

    fac.doc.transact(() => {
      entryAt(fac).set('withdrawnAt', 'gestern');
      entryAt(fac).set('withdrawnBy', 'x'.repeat(100_000));
    });
    await everywhere(
      (goal) => notWithdrawn(goal) && !entryAt(fac).has('withdrawnAt') && !entryAt(fac).has('withdrawnBy'),
      'malformed values dropped',
    );
  });
});
