import {
  editGoalText,
  goalText,
  moveGoal,
  proposeGoal,
  readGoals,
  readParticipants,
  readPartners,
} from '@common-ground/shared/schema';
import { describe, expect, it } from 'vitest';
import { seedBoard } from '../helpers/clients';
import { useTestServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';

describe('collaboration', () => {
  const fixture = useTestServer();

  it('keeps both partners’ words when they type into one description at the same time', async () => {
    const { server, pool } = fixture;
    const board = await seedBoard(server.url);
    const a = pool.connect(server.url, board.boardId, board.partnerA.token, {
      participantId: board.partnerA.participantId,
    });
    const b = pool.connect(server.url, board.boardId, board.partnerB.token, {
      participantId: board.partnerB.participantId,
    });
    await Promise.all([a.synced, b.synced]);
    const original = 'Ein Spielplatz im Hof.';
    const goalId = proposeGoal(a.doc, { title: 'Spielplatz', description: original, createdBy: 'a', now: 1 });
    await waitFor(() => goalText(b.doc, goalId, 'description')?.toString() === original);

    // Same tick: neither client can have seen the other's edit, so they are truly concurrent.
    editGoalText(a.doc, goalId, 'description', { index: 0, deleteCount: 0, insert: 'Gemeinsam: ' });
    editGoalText(b.doc, goalId, 'description', {
      index: original.length,
      deleteCount: 0,
      insert: ' Mit Bänken.',
    });

    const expected = 'Gemeinsam: Ein Spielplatz im Hof. Mit Bänken.';
    const description = (doc: typeof a.doc) => goalText(doc, goalId, 'description')?.toString();
    await waitFor(() => description(a.doc) === expected && description(b.doc) === expected, {
      message: 'both clients to converge',
    });

    const late = pool.connect(server.url, board.boardId, board.facilitator.token);
    await late.synced;
    expect(description(late.doc)).toBe(expected);

    const authors = (await server.server.storage.log.loadDocument(board.boardId)).updates.map(
      (u) => u.participantId,
    );
    expect(authors).toContain(board.partnerA.participantId);
    expect(authors).toContain(board.partnerB.participantId);
  });

  it('shows partners each other’s presence without closing anyone (clients echo presence back)', async () => {
    const { server, pool } = fixture;
    const board = await seedBoard(server.url);
    const people = [board.partnerA, board.partnerB, board.facilitator].map((p) =>
      pool.connect(server.url, board.boardId, p.token, { participantId: p.participantId }),
    );
    const closes: unknown[] = [];
    for (const person of people) person.provider.on('connection-close', (event) => closes.push(event));
    await Promise.all(people.map((p) => p.synced));
    const seenBy = (viewer: (typeof people)[number]) =>
      [...viewer.provider.awareness.getStates().values()].map((s) => s.participantId as string).sort();
    const everyone = [board.partnerA, board.partnerB, board.facilitator].map((p) => p.participantId).sort();
    await waitFor(() => people.every((p) => JSON.stringify(seenBy(p)) === JSON.stringify(everyone)), {
      message: 'everyone to see everyone',
    });
    people[0]?.provider.awareness.setLocalStateField('editing', { goalId: 'g1', field: 'title' });
    await waitFor(() => people[1]?.provider.awareness.getStates().get(people[0]?.doc.clientID ?? 0)?.editing);
    expect(closes).toEqual([]);
  });

  it('gives a late joiner everything, also after the room was unloaded', async () => {
    const { server, pool } = fixture;
    const board = await seedBoard(server.url);
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    await a.synced;
    const first = proposeGoal(a.doc, { title: 'Sauberer Park', description: '', createdBy: 'a', now: 1 });
    const second = proposeGoal(a.doc, {
      title: 'Mehr Bänke',
      description: 'Am Platz',
      createdBy: 'a',
      now: 2,
    });
    moveGoal(a.doc, second, { stage: 'discussing', index: 0 });
    editGoalText(a.doc, first, 'description', { index: 0, deleteCount: 0, insert: 'Jeden Samstag' });
    const expected = readGoals(a.doc);
    await waitFor(async () => (await server.server.storage.log.countUpdates(board.boardId)) >= 5, {
      message: 'updates stored',
    });
    a.destroy();
    // The board unloads once its last socket has left; its record document, which the server wrote the goals'
    // authors to with no socket on it, lingers (ROOM_LINGER_MS), so the record join below does not load it again.
    await waitFor(() => server.server.rooms.get(board.boardId) === undefined, { message: 'room unloaded' });
    expect(server.server.rooms.get(`${board.boardId}/record`)).toBeDefined();

    const late = pool.connect(server.url, board.boardId, board.observer.token);
    const record = pool.connect(server.url, board.boardId, board.observer.token, { record: true });
    await Promise.all([late.synced, record.synced]);
    expect(readGoals(late.doc)).toEqual(expected);
    expect(readPartners(record.doc).map((p) => p.name)).toEqual(['Mieterverein Südstadt', 'Wohnbau GmbH']);
    expect(readParticipants(record.doc).map((p) => p.name)).toEqual([
      'Ayşe',
      'Beamer',
      'Bernd',
      'Moderation',
    ]);
  });
});
