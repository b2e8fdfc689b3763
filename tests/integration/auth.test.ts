import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, type SeededBoard, seedBoard, upgradeStatus } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';

describe('authentication', () => {
  let server: TestServer;
  let board: SeededBoard;
  let other: SeededBoard;

  beforeEach(async () => {
    server = await startTestServer();
    [board, other] = await Promise.all([seedBoard(server.url), seedBoard(server.url)]);
  });
  afterEach(() => server.close());

  it('refuses every bad websocket upgrade before loading anything', async () => {
    const id = board.boardId;
    const cases: [string, number][] = [
      [`/ws/${id}`, 401],
      [`/ws/${id}?token=`, 401],
      [`/ws/${id}?token=not-a-real-token`, 401],
      [`/ws/${id}/record?token=not-a-real-token`, 401],
      [`/ws/${id}?token=${other.partnerA.token}`, 403],
      [`/ws/${id}/record?token=${other.facilitator.token}`, 403],
      [`/ws/short?token=${board.partnerA.token}`, 404],
      [`/ws/${id}x?token=${board.partnerA.token}`, 404],
      [`/ws/${id}/other?token=${board.partnerA.token}`, 404],
      [`/elsewhere?token=${board.partnerA.token}`, 404],
    ];
    // Seeding wrote the record documents, which may still linger after that server work; nothing else may load.
    const docKeys = [id, `${id}/record`, other.boardId, `${other.boardId}/record`];
    const loaded = () => docKeys.filter((key) => server.server.rooms.get(key) !== undefined);
    const loadedBefore = loaded();
    for (const [path, status] of cases) {
      expect([path, await upgradeStatus(server.url, path)]).toEqual([path, status]);
    }
    expect(loaded().filter((key) => !loadedBefore.includes(key))).toEqual([]);
    expect(server.server.rooms.get(id)).toBeUndefined();
    expect(await upgradeStatus(server.url, `/ws/${id}?token=${board.partnerA.token}`)).toBe(101);
  });

  it('refuses API calls without a valid token for the board, and invites by non-facilitators', async () => {
    const client = api(server.url);
    const path = `/api/boards/${board.boardId}`;
    const statusOf = async (result: Promise<{ status: number; body: unknown }>) => {
      const { status, body } = await result;
      return [status, (body as { error?: { code?: string } }).error?.code];
    };
    expect(await statusOf(client.request('GET', path))).toEqual([401, 'unauthorized']);
    expect(await statusOf(client.request('GET', path, { token: 'nope' }))).toEqual([401, 'unauthorized']);
    expect(await statusOf(client.request('GET', path, { token: other.partnerA.token }))).toEqual([
      403,
      'forbidden',
    ]);
    for (const token of [board.partnerA.token, board.observer.token, other.facilitator.token]) {
      expect(
        await statusOf(client.request('POST', `${path}/invites`, { token, body: { role: 'partner' } })),
      ).toEqual([403, 'forbidden']);
    }
    expect((await client.request('GET', path, { token: board.observer.token })).status).toBe(200);
  });
});
