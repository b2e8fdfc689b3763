import {
  type GoalStructure,
  readGoalStructure,
  setCommitment,
  setGoalLead,
} from '@common-ground/shared/schema';
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { api, type BoardClient } from '../helpers/clients';
import { addGoal, useSeededBoard } from '../helpers/roundsApi';
import { waitFor } from '../helpers/wait';

/**
 * One voice per partner: a partner's commitment is written only by its confirmed members or the facilitator, the
 * lead only by the facilitator. The server puts anything else back in the writer's batch, with real providers.
 */
describe('who may set the lead and the commitments', () => {
  const seeded = useSeededBoard();
  let goalId: string;
  let a: string;
  let b: string;
  let fac: BoardClient;
  let clientA: BoardClient;
  let clientB: BoardClient;

  const partnerIdOf = async (token: string) =>
    (
      (await api(seeded.server.url).request('GET', `/api/boards/${seeded.board.boardId}`, { token }))
        .body as {
        me: { partnerId: string };
      }
    ).me.partnerId;
  const structure = (client: BoardClient): GoalStructure => readGoalStructure(client.doc, goalId);
  const serverStructure = (): GoalStructure | null => {
    const room = seeded.server.server.rooms.get(seeded.board.boardId);
    return room ? readGoalStructure(room.doc, goalId) : null;
  };
  const commitment = (s: GoalStructure | null, partnerId: string) =>
    s?.commitments.find((c) => c.partnerId === partnerId)?.text;
  /** Every replica and the server hold `check`; the clients' state vectors agree. */
  const everywhere = async (check: (s: GoalStructure | null) => boolean, message: string) => {
    const clients = [fac, clientA, clientB];
    await waitFor(
      () =>
        check(serverStructure()) &&
        clients.every((c) => check(structure(c))) &&
        clients.every((c) => Buffer.compare(Y.encodeStateVector(c.doc), Y.encodeStateVector(fac.doc)) === 0),
      { message },
    );
  };

  beforeEach(async () => {
    const { server, board, pool } = seeded;
    fac = pool.connect(server.url, board.boardId, board.facilitator.token);
    clientA = pool.connect(server.url, board.boardId, board.partnerA.token);
    clientB = pool.connect(server.url, board.boardId, board.partnerB.token);
    await Promise.all([fac.synced, clientA.synced, clientB.synced]);
    goalId = await addGoal(server.server, board.boardId, clientA, 'Spielplatz sanieren', 'Bis 2027');
    await waitFor(() => [fac, clientB].every((c) => c.doc.getMap('goals').has(goalId)), {
      message: 'the goal everywhere',
    });
    a = await partnerIdOf(board.partnerA.token);
    b = await partnerIdOf(board.partnerB.token);
  });

  it('keeps what the facilitator sets: the lead and any commitment', async () => {
    setGoalLead(fac.doc, goalId, a);
    setCommitment(fac.doc, goalId, b, 'Stellt 20.000 € bereit');
    await everywhere(
      (s) => s?.leadPartnerId === a && commitment(s, b) === 'Stellt 20.000 € bereit',
      'the facilitator’s lead and commitment everywhere',
    );
  });

  it('puts back the lead a partner sets, changes or deletes, everywhere', async () => {
    setGoalLead(clientA.doc, goalId, a);
    expect(structure(clientA).leadPartnerId).toBe(a);
    await everywhere((s) => s?.leadPartnerId === null, 'the lead set by a partner undone');

    setGoalLead(fac.doc, goalId, b);
    await everywhere((s) => s?.leadPartnerId === b, 'the facilitator’s lead');
    setGoalLead(clientA.doc, goalId, a);
    await everywhere((s) => s?.leadPartnerId === b, 'the lead changed by a partner put back');
    setGoalLead(clientB.doc, goalId, null);
    await everywhere((s) => s?.leadPartnerId === b, 'the lead deleted by a partner put back');
  });

  it("keeps a partner's own commitment and puts back another partner's, everywhere", async () => {
    setCommitment(clientB.doc, goalId, b, 'Stellt 20.000 € bereit');
    setCommitment(clientA.doc, goalId, a, 'Organisiert die Beteiligung');
    await everywhere(
      (s) =>
        commitment(s, b) === 'Stellt 20.000 € bereit' && commitment(s, a) === 'Organisiert die Beteiligung',
      'both own commitments kept',
    );

    setCommitment(clientA.doc, goalId, b, 'B übernimmt alle Kosten');
    await everywhere((s) => commitment(s, b) === 'Stellt 20.000 € bereit', 'B’s commitment put back');
    setCommitment(clientA.doc, goalId, b, '');
    await everywhere((s) => commitment(s, b) === 'Stellt 20.000 € bereit', 'B’s deleted commitment put back');
  });

  it('hostile: a partner replacing the whole commitments map keeps only its own change', async () => {
    setCommitment(clientB.doc, goalId, b, 'Stellt 20.000 € bereit');
    await everywhere((s) => commitment(s, b) === 'Stellt 20.000 € bereit', 'B’s commitment');
    clientA.doc.transact(() => {
      const goal = clientA.doc.getMap('goals').get(goalId) as Y.Map<unknown>;
      goal.set(
        'commitments',
        new Y.Map<unknown>([
          [a, 'A macht alles'],
          ['someoneElse00001', 'erfunden'],
        ]),
      );
      goal.set('lead', a);
    });
    await everywhere(
      (s) =>
        s?.leadPartnerId === null &&
        commitment(s, a) === 'A macht alles' &&
        commitment(s, b) === 'Stellt 20.000 € bereit' &&
        s.commitments.length === 2,
      'only A’s own commitment kept',
    );
  });

  it("an unconfirmed member of A cannot write A's commitment; once confirmed, it can", async () => {
    const { server, board, pool } = seeded;
    const client = api(server.url);
    const invite = await client.createInvite(board.boardId, board.facilitator.token, { role: 'partner' });
    const pending = await client.joinUnconfirmed({ code: invite.code, name: 'Mallory', partnerId: a });
    expect(pending).toMatchObject({ partnerId: null, pendingPartnerId: a });
    const mallory = pool.connect(server.url, board.boardId, pending.token);
    await mallory.synced;
    setCommitment(mallory.doc, goalId, a, 'Nicht von uns');
    await waitFor(() => commitment(structure(mallory), a) === undefined, {
      message: 'the unconfirmed member’s write undone at its own client',
    });
    // A later permitted write that every replica saw: the refused one is nowhere.
    setCommitment(clientA.doc, goalId, a, 'Von uns');
    await everywhere((s) => commitment(s, a) === 'Von uns', 'A’s own commitment');

    const confirmed = await client.request(
      'POST',
      `/api/boards/${board.boardId}/partners/${a}/members/${pending.participantId}/confirm`,
      { token: board.partnerA.token },
    );
    expect(confirmed.status).toBe(200);
    setCommitment(mallory.doc, goalId, a, 'Jetzt von uns');
    await everywhere((s) => commitment(s, a) === 'Jetzt von uns', 'the confirmed member’s commitment kept');
  });
});
