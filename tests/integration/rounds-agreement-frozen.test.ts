import { AgreementResponse } from '@common-ground/shared/api';
import { readGoalStructure, setCommitment, setGoalLead, setReviewDate } from '@common-ground/shared/schema';
import { describe, expect, it } from 'vitest';
import { api } from '../helpers/clients';
import { addGoal, roundOf, serverSees, useSeededBoard } from '../helpers/roundsApi';
import { waitFor } from '../helpers/wait';

/** The agreement is what the partners agreed to: lead, commitments and review date are frozen with it. */
describe('the agreement is frozen when the round agrees', () => {
  const seeded = useSeededBoard();

  async function partnerIds(): Promise<{ a: string; b: string }> {
    const { server, board } = seeded;
    const me = async (token: string) =>
      (
        (await api(server.url).request('GET', `/api/boards/${board.boardId}`, { token })).body as {
          me: { partnerId: string };
        }
      ).me.partnerId;
    return { a: await me(board.partnerA.token), b: await me(board.partnerB.token) };
  }

  async function agree(goalId: string) {
    const { board, rounds } = seeded;
    const round = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId }), 201);
    await rounds.stance(board.boardId, round.id, board.partnerA.token, { stance: 'agree' });
    await rounds.stance(board.boardId, round.id, board.partnerB.token, { stance: 'agree' });
    const closed = roundOf(await rounds.close(board.boardId, round.id, board.facilitator.token), 200);
    expect(closed.outcome).toBe('agreed');
    return closed;
  }

  async function agreedGoal(goalId: string) {
    const { board, rounds } = seeded;
    const json = await rounds.exportAgreement(board.boardId, board.observer.token, 'json');
    expect(json.status).toBe(200);
    const goal = AgreementResponse.parse(json.body).goals.find((g) => g.goalId === goalId);
    if (!goal) throw new Error('the goal is not in the agreement');
    return goal;
  }

  it('keeps the agreed commitment when a partner rewrites it, lists the change, and a new round freezes anew', async () => {
    const { server, board, rounds, pool } = seeded;
    const { a, b } = await partnerIds();
    const clientA = pool.connect(server.url, board.boardId, board.partnerA.token);
    const clientB = pool.connect(server.url, board.boardId, board.partnerB.token);
    // Only the facilitator sets the lead (a partner's lead is put back by the server).
    const clientF = pool.connect(server.url, board.boardId, board.facilitator.token);
    const goalId = await addGoal(server.server, board.boardId, clientA, 'Spielplatz sanieren', 'Bis 2027');
    // B's client writes into the goal only once it has it (a commitment for an unknown goal writes nothing).
    await waitFor(() => [clientB, clientF].every((c) => c.doc.getMap('goals').has(goalId)), {
      message: 'the goal at B and the facilitator',
    });
    setGoalLead(clientF.doc, goalId, a);
    setCommitment(clientB.doc, goalId, b, 'Stellt 20.000 € bereit');
    setReviewDate(clientA.doc, goalId, '2027-06-30');
    const structureOnServer = (text: string) =>
      serverSees(server.server, board.boardId, (doc) => {
        const structure = readGoalStructure(doc, goalId);
        return structure.reviewDate === '2027-06-30' && structure.commitments[0]?.text === text;
      });
    await structureOnServer('Stellt 20.000 € bereit');
    const first = await agree(goalId);

    expect(await agreedGoal(goalId)).toMatchObject({
      changedSinceAgreement: false,
      changes: [],
      structureFrozen: true,
      leadPartnerId: a,
      commitments: [{ partnerId: b, text: 'Stellt 20.000 € bereit' }],
      reviewDate: '2027-06-30',
    });

    // After the agreement, partner B's client rewrites B's commitment and the facilitator moves the lead to B.
    setCommitment(clientB.doc, goalId, b, 'B übernimmt alle Kosten');
    setGoalLead(clientF.doc, goalId, b);
    await structureOnServer('B übernimmt alle Kosten');
    await serverSees(
      server.server,
      board.boardId,
      (doc) => readGoalStructure(doc, goalId).leadPartnerId === b,
    );

    const changed = await agreedGoal(goalId);
    expect(changed).toMatchObject({
      round: { id: first.id },
      changedSinceAgreement: true,
      leadPartnerId: a,
      commitments: [{ partnerId: b, text: 'Stellt 20.000 € bereit' }],
      reviewDate: '2027-06-30',
    });
    expect(changed.changes).toEqual([
      { part: 'lead', agreed: a, current: b },
      {
        part: 'commitment',
        partnerId: b,
        agreed: 'Stellt 20.000 € bereit',
        current: 'B übernimmt alle Kosten',
      },
    ]);
    const md = String((await rounds.exportAgreement(board.boardId, board.partnerA.token, 'md')).body);
    expect(md).toContain('- Wohnbau GmbH: Stellt 20.000 € bereit');
    expect(md).toContain('- Federführung: Mieterverein Südstadt');
    expect(md).toContain('**Seit der Vereinbarung geändert** – eine neue Konsensrunde ist nötig:');
    expect(md).toContain(
      '  - Beitrag von Wohnbau GmbH: vereinbart „Stellt 20.000 € bereit“, jetzt „B übernimmt alle Kosten“',
    );
    expect(md).toContain('  - Federführung: vereinbart Mieterverein Südstadt, jetzt Wohnbau GmbH');

    // The partners agree again: the new round freezes what the board says now.
    const second = await agree(goalId);
    expect(await agreedGoal(goalId)).toMatchObject({
      round: { id: second.id, number: 2 },
      changedSinceAgreement: false,
      changes: [],
      leadPartnerId: b,
      commitments: [{ partnerId: b, text: 'B übernimmt alle Kosten' }],
    });
  });
});
