import { AgreementResponse } from '@common-ground/shared/api';
import {
  editGoalText,
  goalText,
  readGoalStructure,
  setCommitment,
  setGoalLead,
  setReviewDate,
} from '@common-ground/shared/schema';
import { describe, expect, it } from 'vitest';
import { api } from '../helpers/clients';
import { addGoal, roundOf, serverSees, useSeededBoard } from '../helpers/roundsApi';
import { waitFor } from '../helpers/wait';

describe('the cooperation agreement export', () => {
  const seeded = useSeededBoard();

  /** Runs one round on the goal with the given stances of A and B, then closes it. */
  async function decide(goalId: string, stanceA: object, stanceB: object) {
    const { board, rounds } = seeded;
    const round = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId }), 201);
    await rounds.stance(board.boardId, round.id, board.partnerA.token, stanceA);
    await rounds.stance(board.boardId, round.id, board.partnerB.token, stanceB);
    return roundOf(await rounds.close(board.boardId, round.id, board.facilitator.token), 200);
  }

  it('holds every goal whose latest round agreed, with commitments, in JSON and in German Markdown', async () => {
    const { server, board, rounds, pool } = seeded;
    const info = await api(server.url).request('GET', `/api/boards/${board.boardId}`, {
      token: board.partnerA.token,
    });
    const partners = (info.body as { partners: { id: string; name: string }[] }).partners;
    const [a = '', b = ''] = ['Mieterverein Südstadt', 'Wohnbau GmbH'].map(
      (name) => partners.find((p) => p.name === name)?.id ?? '',
    );
    const client = pool.connect(server.url, board.boardId, board.partnerA.token);
    const agreed = await addGoal(
      server.server,
      board.boardId,
      client,
      'Spielplatz *sanieren* [jetzt]',
      'Bis 2027',
    );
    const objected = await addGoal(server.server, board.boardId, client, 'Parkhaus bauen', 'Am Markt');
    const edited = await addGoal(server.server, board.boardId, client, 'Sprachcafé', 'Dienstags');

    // Lead, commitments and review date are part of what the round agrees on (frozen when it closes). Only the
    // facilitator may set the lead and another partner's commitment.
    const facilitator = pool.connect(server.url, board.boardId, board.facilitator.token);
    await waitFor(() => facilitator.doc.getMap('goals').has(agreed), {
      message: 'the goal at the facilitator',
    });
    setGoalLead(facilitator.doc, agreed, a);
    setCommitment(facilitator.doc, agreed, b, 'Stellt 20.000 € bereit');
    setReviewDate(facilitator.doc, agreed, '2020-01-31');
    await serverSees(
      server.server,
      board.boardId,
      (doc) => readGoalStructure(doc, agreed).reviewDate !== null,
    );
    const deciding = await decide(
      agreed,
      { stance: 'agree' },
      { stance: 'concerns', reason: 'Budget # prüfen' },
    );
    await decide(objected, { stance: 'object', reason: 'Zu teuer' }, { stance: 'agree' });
    await decide(edited, { stance: 'agree' }, { stance: 'agree' });
    editGoalText(client.doc, edited, 'description', { index: 0, deleteCount: 0, insert: 'Jeden ' });
    await serverSees(
      server.server,
      board.boardId,
      (doc) => goalText(doc, edited, 'description')?.toString() === 'Jeden Dienstags',
    );

    const json = await rounds.exportAgreement(board.boardId, board.observer.token, 'json');
    expect(json.status).toBe(200);
    const agreement = AgreementResponse.parse(json.body);
    expect(agreement.title).toBe('Runder Tisch Südstadt');
    expect(agreement.partners.map((p) => p.name).sort()).toEqual(['Mieterverein Südstadt', 'Wohnbau GmbH']);
    expect(agreement.goals.map((g) => g.goalId)).toEqual([agreed, edited]);
    const [first, second] = agreement.goals;
    expect(first).toMatchObject({
      wording: { title: 'Spielplatz *sanieren* [jetzt]', description: 'Bis 2027' },
      changedSinceAgreement: false,
      round: { id: deciding.id, number: 1, closedAt: deciding.closedAt },
      concerns: [{ partnerId: b, reason: 'Budget # prüfen' }],
      leadPartnerId: a,
      commitments: [{ partnerId: b, text: 'Stellt 20.000 € bereit' }],
      reviewDate: '2020-01-31',
      reviewDue: true,
    });
    expect(first?.stances).toHaveLength(2);
    expect(second).toMatchObject({ changedSinceAgreement: true, wording: { description: 'Dienstags' } });
    expect(second?.changes).toEqual([
      {
        part: 'wording',
        agreed: { title: 'Sprachcafé', description: 'Dienstags' },
        current: { title: 'Sprachcafé', description: 'Jeden Dienstags' },
      },
    ]);

    const md = await rounds.exportAgreement(board.boardId, board.partnerB.token, 'md');
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const text = String(md.body);
    expect(text).toMatch(/^# Kooperationsvereinbarung: Runder Tisch Südstadt\n/);
    expect(text).toContain('### 1. Spielplatz \\*sanieren\\* \\[jetzt\\]');
    expect(text).toContain('- Federführung: Mieterverein Südstadt');
    expect(text).toContain('- Wohnbau GmbH: Stellt 20.000 € bereit');
    expect(text).toContain('- Überprüfung: 31.01.2020 **(fällig)**');
    expect(text).toContain('- Wohnbau GmbH: Bedenken – „Budget \\# prüfen“');
    expect(text).toContain('- Mieterverein Südstadt: Zustimmung');
    expect(text).toContain('- **Seit der Vereinbarung geändert** – eine neue Konsensrunde ist nötig:');
    expect(text).toContain('  - Wortlaut: oben wie vereinbart, auf dem Board inzwischen geändert');
    expect(text).not.toContain('Parkhaus');
  });

  it('is empty but well-formed before anything was agreed, and needs a token of the board', async () => {
    const { board, rounds } = seeded;
    const agreement = AgreementResponse.parse(
      (await rounds.exportAgreement(board.boardId, board.observer.token)).body,
    );
    expect(agreement.goals).toEqual([]);
    const md = await rounds.exportAgreement(board.boardId, board.observer.token, 'md');
    expect(String(md.body)).toContain('Noch keine vereinbarten Ziele.');
    expect((await rounds.exportAgreement(board.boardId, '')).status).toBe(401);
  });
});
