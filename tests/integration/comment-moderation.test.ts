import { CommentVisibilityResponse } from '@common-ground/shared/api';
import { addComment, readComments, readHiddenComments } from '@common-ground/shared/schema';
import { describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../server/src/storage/sqlite/sqliteStorage';
import { activityApi, bodyOf } from '../helpers/activityApi';
import { api, type BoardClient, seedBoard } from '../helpers/clients';
import { addGoal, serverSees } from '../helpers/roundsApi';
import { type TestServer, useClockedServers } from '../helpers/server';
import { waitFor } from '../helpers/wait';

const path = (boardId: string, goalId: string, commentId: string, action: 'hide' | 'unhide') =>
  `/api/boards/${boardId}/goals/${goalId}/comments/${commentId}/${action}`;

const hiddenIn = (record: BoardClient, commentId: string, present = true) =>
  waitFor(() => commentId in readHiddenComments(record.doc) === present, {
    message: `the record to ${present ? 'hide' : 'show'} ${commentId}`,
  });

/** A seeded board with a goal and one abusive comment by partner A, stored on the server. */
async function boardWithComment(server: TestServer, pool: ReturnType<typeof useClockedServers>['pool']) {
  const board = await seedBoard(server.url);
  const a = pool.connect(server.url, board.boardId, board.partnerA.token);
  const goalId = await addGoal(server.server, board.boardId, a, 'Mehr Bänke', 'Am Spielplatz');
  const otherGoalId = await addGoal(server.server, board.boardId, a, 'Spielstraße', '');
  const commentId = addComment(a.doc, goalId, { authorId: 'x', text: 'Beleidigung', now: 1 });
  if (!commentId) throw new Error('comment not added');
  await serverSees(server.server, board.boardId, (doc) => readComments(doc, goalId).length === 1);
  return { board, a, goalId, otherGoalId, commentId };
}

describe('comment moderation: the facilitator hides a comment, the record says so, the comment stays', () => {
  const { pool, clock, start, tempDataDir } = useClockedServers();

  it('allows only the board’s facilitator, checks ids, and writes nothing when refused', async () => {
    const server = await start();
    const { board, goalId, otherGoalId, commentId } = await boardWithComment(server, pool);
    const other = await seedBoard(server.url);
    const { request } = api(server.url);
    const post = (token: string | undefined, url: string) =>
      request('POST', url, token === undefined ? {} : { token });
    const hide = path(board.boardId, goalId, commentId, 'hide');
    const unhide = path(board.boardId, goalId, commentId, 'unhide');

    for (const url of [hide, unhide]) {
      expect((await post(undefined, url)).status).toBe(401);
      expect((await post('not-a-token', url)).status).toBe(401);
      expect((await post(board.partnerA.token, url)).status).toBe(403);
      expect((await post(board.partnerB.token, url)).status).toBe(403);
      expect((await post(board.observer.token, url)).status).toBe(403);
      expect((await post(other.facilitator.token, url)).status).toBe(403);
    }
    const f = board.facilitator.token;
    // Unknown goal, unknown comment, and a real comment under another goal.
    expect((await post(f, path(board.boardId, 'no-such-goal', commentId, 'hide'))).status).toBe(404);
    expect((await post(f, path(board.boardId, goalId, 'no-such-comment', 'hide'))).status).toBe(404);
    expect((await post(f, path(board.boardId, otherGoalId, commentId, 'hide'))).status).toBe(404);
    expect((await post(f, path('short', goalId, commentId, 'hide'))).status).toBe(404);
    // Ids that cannot be ids: dots, encoded slashes and NULs, emoji, too long.
    for (const bad of ['a.b', 'a%2Fb', '%00', 'x'.repeat(65), '%F0%9F%98%80']) {
      expect((await post(f, path(board.boardId, bad, commentId, 'hide'))).status).toBe(400);
      expect((await post(f, path(board.boardId, goalId, bad, 'hide'))).status).toBe(400);
    }
    expect((await post(f, `${hide}/extra`)).status).toBe(404);
    expect(await server.server.storage.moderation.listHiddenComments(board.boardId)).toEqual([]);

    const record = pool.connect(server.url, board.boardId, board.observer.token, { record: true });
    await record.synced;
    expect(readHiddenComments(record.doc)).toEqual({});

    const ok = bodyOf(CommentVisibilityResponse, await post(f, hide));
    expect(ok).toEqual({ goalId, commentId, hidden: { by: board.facilitator.participantId, at: clock.now } });
  });

  it('hides live for everyone through the record, keeps the comment and its log entry, and shows it again', async () => {
    const server = await start();
    const { board, a, goalId, commentId } = await boardWithComment(server, pool);
    const record = pool.connect(server.url, board.boardId, board.partnerB.token, { record: true });
    await record.synced;
    const { request } = api(server.url);
    const f = board.facilitator.token;

    clock.now += 1000;
    const hiddenAt = clock.now;
    expect((await request('POST', path(board.boardId, goalId, commentId, 'hide'), { token: f })).status).toBe(
      200,
    );
    await hiddenIn(record, commentId);
    expect(readHiddenComments(record.doc)[commentId]).toEqual({
      by: board.facilitator.participantId,
      at: hiddenAt,
    });
    // Hiding again changes nothing: the first hide stays.
    clock.now += 1000;
    const again = await request('POST', path(board.boardId, goalId, commentId, 'hide'), { token: f });
    expect(bodyOf(CommentVisibilityResponse, again).hidden).toEqual({
      by: board.facilitator.participantId,
      at: hiddenAt,
    });
    // The comment is untouched in the board document and in the log.
    expect(readComments(a.doc, goalId).map((c) => c.text)).toEqual(['Beleidigung']);
    // The history shows that a comment was made, not its text.
    const history = activityApi(server.url);
    const { events } = await history.activity(board.boardId, f);
    expect(events.find((e) => e.type === 'comment_added')).toMatchObject({
      commentId,
      text: '',
      hidden: true,
    });
    const then = await history.asOf(board.boardId, f, clock.now);
    expect(then.goals.find((g) => g.id === goalId)?.comments).toMatchObject([
      { id: commentId, text: '', hidden: true },
    ]);

    // A reader cannot undo it: its writes to the record are dropped.
    record.doc.getMap('hiddenComments').delete(commentId);
    const fresh = pool.connect(server.url, board.boardId, board.observer.token, { record: true });
    await fresh.synced;
    expect(readHiddenComments(fresh.doc)[commentId]?.by).toBe(board.facilitator.participantId);

    const shown = await request('POST', path(board.boardId, goalId, commentId, 'unhide'), { token: f });
    expect(bodyOf(CommentVisibilityResponse, shown)).toEqual({ goalId, commentId, hidden: null });
    await hiddenIn(fresh, commentId, false);
    expect(await server.server.storage.moderation.listHiddenComments(board.boardId)).toEqual([]);
    const after = await history.activity(board.boardId, f);
    expect(after.events.find((e) => e.type === 'comment_added')).toMatchObject({
      commentId,
      text: 'Beleidigung',
    });
  });

  it('rebuilds the record’s hidden comments from storage after a restart', async () => {
    const dataDir = await tempDataDir();
    const first = await start({ dataDir });
    const { board, goalId, commentId } = await boardWithComment(first, pool);
    const { request } = api(first.url);
    const f = board.facilitator.token;
    expect((await request('POST', path(board.boardId, goalId, commentId, 'hide'), { token: f })).status).toBe(
      200,
    );
    pool.destroyAll();
    await first.close({ keepData: true });

    // Shown again in storage while no server ran: the record must follow storage, not its own old state.
    const storage = openSqliteStorage(dataDir);
    expect(
      await storage.moderation.unhideComment(
        board.boardId,
        commentId,
        board.facilitator.participantId,
        clock.now,
      ),
    ).toBe(true);
    await storage.moderation.hideComment({
      boardId: board.boardId,
      goalId,
      commentId: 'hidden-offline',
      by: board.facilitator.participantId,
      at: clock.now,
    });
    await storage.close();

    const second = await start({ dataDir });
    const record = pool.connect(second.url, board.boardId, board.observer.token, { record: true });
    await record.synced;
    await hiddenIn(record, 'hidden-offline');
    expect(Object.keys(readHiddenComments(record.doc))).toEqual(['hidden-offline']);
  });
});
