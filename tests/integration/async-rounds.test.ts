import { readParticipants, readRounds } from '@common-ground/shared/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { missingPartners, roundsAwaitingPartner, timeLeft } from '../../client/src/async/awaiting';
import { createClientPool, seedBoard } from '../helpers/clients';
import { addGoal, liveRound, roundOf, roundsApi } from '../helpers/roundsApi';
import { startTestServer, type TestServer } from '../helpers/server';

const DAY = 24 * 3_600_000;

describe('asynchronous rounds: a deadline days away, stances over days', () => {
  const pool = createClientPool();
  let server: TestServer | undefined;
  // The injected clock: the test moves it day by day instead of waiting.
  let now = 1_800_000_000_000;

  afterEach(async () => {
    pool.destroyAll();
    await server?.close();
  });

  it('shows who still owes a stance as days pass, and closes the round at its deadline', async () => {
    server = await startTestServer({ config: { now: () => now } });
    const board = await seedBoard(server.url);
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const goalId = await addGoal(server.server, board.boardId, a, 'Nachbarschaftsgarten', 'Auf der Brache');
    const record = pool.connect(server.url, board.boardId, board.observer.token, { record: true });
    await record.synced;
    const partnerOf = (participantId: string) =>
      readParticipants(record.doc).find((p) => p.id === participantId)?.partnerId ?? '';
    const partnerA = partnerOf(board.partnerA.participantId);
    const partnerB = partnerOf(board.partnerB.participantId);

    const rounds = roundsApi(server.url);
    const deadline = now + 5 * DAY;
    const opened = roundOf(
      await rounds.open(board.boardId, board.facilitator.token, { goalId, deadline }),
      201,
    );
    let live = await liveRound(record.doc, (r) => r.id === opened.id, 'the round in the record');
    expect(timeLeft(live.deadline, now)).toEqual({ key: 'time.days', count: 5 });
    expect(roundsAwaitingPartner(readRounds(record.doc), partnerA).map((r) => r.id)).toEqual([opened.id]);
    expect(missingPartners(live)).toEqual({
      hidden: false,
      partnerIds: expect.arrayContaining([partnerA, partnerB]),
    });

    // Day 1: the residents' initiative answers after its own evening meeting.
    now += DAY;
    await rounds.stance(board.boardId, opened.id, board.partnerA.token, {
      stance: 'concerns',
      reason: 'Wasseranschluss klären',
    });
    live = await liveRound(
      record.doc,
      (r) => r.id === opened.id && r.tally.responded === 1,
      'the first stance',
    );
    expect(roundsAwaitingPartner(readRounds(record.doc), partnerA)).toEqual([]);
    expect(roundsAwaitingPartner(readRounds(record.doc), partnerB).map((r) => r.id)).toEqual([opened.id]);
    expect(missingPartners(live)).toEqual({ hidden: false, partnerIds: [partnerB] });
    expect(timeLeft(live.deadline, now)).toEqual({ key: 'time.days', count: 4 });

    // Day 4: the housing company agrees; the round stays open until its deadline (no auto-close).
    now += 3 * DAY;
    await rounds.stance(board.boardId, opened.id, board.partnerB.token, { stance: 'agree' });
    live = await liveRound(
      record.doc,
      (r) => r.id === opened.id && r.tally.responded === 2,
      'the second stance',
    );
    expect(live.status).toBe('open');
    expect(timeLeft(live.deadline, now)).toEqual({ key: 'time.days', count: 1 });

    // Day 5 passes: the deadline sweep closes it, dated at the deadline.
    now += DAY + 1;
    const closed = await liveRound(
      record.doc,
      (r) => r.id === opened.id && r.status === 'closed',
      'the deadline',
    );
    expect(closed).toMatchObject({ outcome: 'agreed', closedAt: deadline, tally: { agree: 1, concerns: 1 } });
    expect(roundsAwaitingPartner(readRounds(record.doc), partnerB)).toEqual([]);
  });
});
