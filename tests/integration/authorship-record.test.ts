import {
  type Attribution,
  addComment,
  commentAuthor,
  goalAuthor,
  proposeGoal,
  readAuthors,
  readComments,
} from '@common-ground/shared/schema';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqliteStorage } from '../../server/src/storage/sqlite/sqliteStorage';
import { activityApi } from '../helpers/activityApi';
import { type BoardClient, seedBoard } from '../helpers/clients';
import { serverSees } from '../helpers/roundsApi';
import { useClockedServers } from '../helpers/server';
import { waitFor } from '../helpers/wait';

/** The record's authors once it has every key (`goal:<id>`, `comment:<id>`). */
async function authorsWith(record: BoardClient, ...keys: string[]): Promise<Record<string, Attribution>> {
  await waitFor(() => keys.every((key) => readAuthors(record.doc)[key]), {
    message: `the record to attribute ${keys.join(', ')}`,
  });
  return readAuthors(record.doc);
}

describe('authorship: the record names whoever sent the update, never the document’s claim', () => {
  const { pool, clock, start, tempDataDir } = useClockedServers();

  it('attributes a goal and a comment to their sender although the document names others', async () => {
    const server = await start();
    const board = await seedBoard(server.url);
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const record = pool.connect(server.url, board.boardId, board.observer.token, { record: true });
    await Promise.all([a.synced, record.synced]);

    // A claims B wrote the goal and the facilitator the comment.
    const goalId = proposeGoal(a.doc, {
      title: 'Mehr Bänke',
      description: 'Am Spielplatz',
      createdBy: board.partnerB.participantId,
      now: 1,
    });
    const commentId = addComment(a.doc, goalId, {
      authorId: board.facilitator.participantId,
      text: 'So sagt die Moderation',
      now: 1,
    });
    const authors = await authorsWith(record, `goal:${goalId}`, `comment:${commentId}`);
    expect(goalAuthor(authors, goalId)).toBe(board.partnerA.participantId);
    const [comment] = readComments(a.doc, goalId);
    expect(comment?.authorId).toBe(board.facilitator.participantId);
    expect(comment && commentAuthor(authors, goalId, comment)).toBe(board.partnerA.participantId);

    const stored = await server.server.storage.attributions.listAttributions(board.boardId);
    expect(stored.map(({ kind, id, participantId }) => [kind, id, participantId]).sort()).toEqual([
      ['comment', commentId, board.partnerA.participantId],
      ['goal', goalId, board.partnerA.participantId],
    ]);
    const asOf = await activityApi(server.url).asOf(board.boardId, board.observer.token, clock.now);
    expect(asOf.goals[0]).toMatchObject({ id: goalId, proposedBy: board.partnerA.participantId });
    expect(asOf.goals[0]?.comments[0]).toMatchObject({ id: commentId, by: board.partnerA.participantId });
  });

  it('lets nobody take over an attributed goal id or comment id by writing it again', async () => {
    const server = await start();
    const board = await seedBoard(server.url);
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const b = pool.connect(server.url, board.boardId, board.partnerB.token);
    const record = pool.connect(server.url, board.boardId, board.observer.token, { record: true });
    await Promise.all([a.synced, b.synced, record.synced]);
    const goalId = proposeGoal(a.doc, { title: 'Grünfläche', description: '', createdBy: 'x', now: 1 });
    const commentId = addComment(a.doc, goalId, { authorId: 'x', text: 'Gute Idee', now: 1 });
    await authorsWith(record, `goal:${goalId}`, `comment:${commentId}`);
    await waitFor(() => readComments(b.doc, goalId).length === 1, { message: 'B to see A’s goal' });

    // B replaces the goal under the same id, and repeats A's comment id with other words.
    const goals = b.doc.getMap<unknown>('goals');
    b.doc.transact(() => {
      goals.delete(goalId);
      const replaced = new Y.Map<unknown>();
      replaced.set('title', new Y.Text('Parkplätze statt Grünfläche'));
      replaced.set('description', new Y.Text(''));
      replaced.set('stage', 'proposed');
      replaced.set('rank', 'a0');
      replaced.set('createdBy', board.partnerB.participantId);
      replaced.set('createdAt', 2);
      replaced.set(
        'comments',
        Y.Array.from([{ id: commentId, authorId: 'x', text: 'Von A, ehrlich', at: 2 }]),
      );
      goals.set(goalId, replaced);
    });
    // Then a goal of B's own: once it is attributed, everything B sent before has been handled.
    const own = proposeGoal(b.doc, { title: 'Spielstraße', description: '', createdBy: 'x', now: 3 });
    await serverSees(
      server.server,
      board.boardId,
      (doc) => readComments(doc, goalId)[0]?.text === 'Von A, ehrlich',
    );
    const authors = await authorsWith(record, `goal:${own}`);

    expect(goalAuthor(authors, own)).toBe(board.partnerB.participantId);
    expect(goalAuthor(authors, goalId)).toBe(board.partnerA.participantId);
    const [copy] = readComments(b.doc, goalId);
    expect(copy?.text).toBe('Von A, ehrlich');
    // The record's entry is A's comment; B's words under its id name nobody.
    expect(copy && commentAuthor(authors, goalId, copy)).toBeNull();
    const stored = await server.server.storage.attributions.listAttributions(board.boardId);
    expect(stored.filter((entry) => entry.participantId === board.partnerB.participantId)).toHaveLength(1);
  });

  it('backfills a board whose log predates attribution, once, from the log', async () => {
    const dataDir = await tempDataDir();
    const first = await start({ dataDir });
    const board = await seedBoard(first.url);
    await first.close({ keepData: true });

    // An edit logged by an older server: A's socket, claiming B as the author.
    const legacy = new Y.Doc();
    const goalId = proposeGoal(legacy, {
      title: 'Alt',
      description: '',
      createdBy: board.partnerB.participantId,
      now: 1,
    });
    const storage = openSqliteStorage(dataDir);
    await storage.log.appendUpdates(board.boardId, [
      { participantId: board.partnerA.participantId, update: Y.encodeStateAsUpdate(legacy), at: clock.now },
    ]);
    expect(await storage.attributions.attributionBackfilledAt(board.boardId)).toBeNull();
    await storage.close();

    const second = await start({ dataDir });
    const b = pool.connect(second.url, board.boardId, board.partnerB.token);
    const record = pool.connect(second.url, board.boardId, board.observer.token, { record: true });
    await Promise.all([b.synced, record.synced]);
    const authors = await authorsWith(record, `goal:${goalId}`);
    expect(goalAuthor(authors, goalId)).toBe(board.partnerA.participantId);
    expect(await second.server.storage.attributions.attributionBackfilledAt(board.boardId)).toBe(clock.now);
  });
});
