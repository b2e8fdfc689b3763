import { proposeGoal, readGoals, readParticipants } from '@common-ground/shared/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  api,
  createClientPool,
  editUpdate,
  frames,
  isSyncStep2,
  type SeededBoard,
  seedBoard,
} from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';

describe('read-only connections', () => {
  let server: TestServer;
  let board: SeededBoard;
  const pool = createClientPool();
  const recordKey = () => `${board.boardId}/record`;
  const logSize = (docKey: string) => server.server.storage.log.countUpdates(docKey);

  beforeEach(async () => {
    server = await startTestServer();
    board = await seedBoard(server.url);
  });
  afterEach(async () => {
    pool.destroyAll();
    await server.close();
  });

  /** A writes a goal and B waits for it: anything sent before A's edit would have reached B first. */
  async function writerEditReaches(b: { doc: import('yjs').Doc }, title: string): Promise<void> {
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    await a.synced;
    proposeGoal(a.doc, { title, description: '', createdBy: 'a', now: 1 });
    await waitFor(() => readGoals(b.doc).some((g) => g.title === title), { message: `B to see ${title}` });
  }

  it('drops an observer’s raw update frame: nothing stored, nothing relayed, socket stays open', async () => {
    const b = pool.connect(server.url, board.boardId, board.partnerB.token);
    await b.synced;
    const before = await logSize(board.boardId);
    const raw = pool.raw(server.url, `/ws/${board.boardId}?token=${board.observer.token}`);
    await raw.opened;
    raw.ws.send(
      frames.update(
        editUpdate((doc) => proposeGoal(doc, { title: 'Forged', description: '', createdBy: 'x', now: 1 })),
      ),
    );
    raw.ws.send(frames.syncStep1());
    await waitFor(() => raw.received.some(isSyncStep2), { message: 'the answer to step 1' });

    expect(await logSize(board.boardId)).toBe(before);
    await writerEditReaches(b, 'Echt');
    expect(readGoals(b.doc).map((g) => g.title)).toEqual(['Echt']);
    expect(raw.ws.readyState).toBe(raw.ws.OPEN);
  });

  it('drops the local edits of an observer’s WebsocketProvider', async () => {
    const b = pool.connect(server.url, board.boardId, board.partnerB.token);
    const observer = pool.connect(server.url, board.boardId, board.observer.token, {
      participantId: board.observer.participantId,
    });
    await Promise.all([b.synced, observer.synced]);
    const before = await logSize(board.boardId);
    proposeGoal(observer.doc, { title: 'Vom Beamer', description: '', createdBy: 'o', now: 1 });
    await writerEditReaches(b, 'Echt');
    expect(readGoals(b.doc).map((g) => g.title)).toEqual(['Echt']);
    expect(await logSize(board.boardId)).toBe(before + 1);
    expect(observer.provider.wsconnected).toBe(true);
  });

  it('never lets a client write the record document, not even the facilitator', async () => {
    const reader = pool.connect(server.url, board.boardId, board.partnerB.token, { record: true });
    const facilitator = pool.connect(server.url, board.boardId, board.facilitator.token, { record: true });
    await Promise.all([reader.synced, facilitator.synced]);
    const before = await logSize(recordKey());
    const fake = { id: 'fake', name: 'Fake', role: 'facilitator', partnerId: null, color: '#000000' };
    facilitator.doc.getMap('participants').set('fake', fake);
    const raw = pool.raw(server.url, `/ws/${board.boardId}/record?token=${board.facilitator.token}`);
    await raw.opened;
    raw.ws.send(frames.update(editUpdate((doc) => doc.getMap('participants').set('fake2', fake))));
    raw.ws.send(frames.syncStep1());
    await waitFor(() => raw.received.some(isSyncStep2));

    // A real join is written by the server and reaches the reader; the forged entries never do.
    const invite = await api(server.url).createInvite(board.boardId, board.facilitator.token, {
      role: 'observer',
    });
    await api(server.url).join({ code: invite.code, name: 'Gast' });
    await waitFor(() => readParticipants(reader.doc).some((p) => p.name === 'Gast'), { message: 'the join' });
    const ids = [...reader.doc.getMap('participants').keys()];
    expect(ids).not.toContain('fake');
    expect(ids).not.toContain('fake2');
    expect(await logSize(recordKey())).toBe(before + 1);
    expect(
      (await server.server.storage.log.loadDocument(recordKey())).updates.every(
        (u) => u.participantId === null,
      ),
    ).toBe(true);
  });
});
