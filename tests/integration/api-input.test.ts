import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../server/src/auth/secrets';
import { type ApiResult, api, type SeededBoard, seedBoard } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';

const DAY = 24 * 60 * 60 * 1000;

describe('API input validation', () => {
  let server: TestServer;
  let board: SeededBoard;
  let clock = Date.UTC(2027, 0, 1);
  let client: ReturnType<typeof api>;

  beforeEach(async () => {
    clock = Date.UTC(2027, 0, 1);
    server = await startTestServer({ config: { now: () => clock } });
    board = await seedBoard(server.url);
    client = api(server.url);
  });
  afterEach(() => server.close());

  const errorOf = (result: ApiResult) => {
    const error = (result.body as { error?: { code?: string; message?: string } }).error;
    return { status: result.status, code: error?.code, message: error?.message ?? '' };
  };
  /** Counts that must not move when a request is refused. */
  const snapshot = async () => {
    const { storage } = server.server;
    return {
      participants: (await storage.accounts.listParticipants(board.boardId)).length,
      partners: (await storage.partners.listPartners(board.boardId)).length,
      record: await storage.log.countUpdates(`${board.boardId}/record`),
    };
  };
  const newInvite = (body: Parameters<typeof client.createInvite>[2]) =>
    client.createInvite(board.boardId, board.facilitator.token, body);

  it('refuses bad board creation bodies with 400 naming the field', async () => {
    const bad = [
      [{}, 'title'],
      [{ title: '' }, 'title'],
      [{ title: 'x'.repeat(201) }, 'title'],
      [{ title: 'ok', name: 'n'.repeat(81) }, 'name'],
      [{ title: 'ok', extra: 1 }, 'extra'],
    ] as const;
    for (const [body, field] of bad) {
      const error = errorOf(await client.request('POST', '/api/boards', { body }));
      expect(error).toMatchObject({ status: 400, code: 'invalid_input' });
      expect(error.message).toContain(field);
    }
  });

  it('refuses malformed JSON with 400 invalid_json and bodies over 64 KiB with 413', async () => {
    expect(errorOf(await client.request('POST', '/api/boards', { rawBody: '{"title": ' }))).toMatchObject({
      status: 400,
      code: 'invalid_json',
    });
    const big = JSON.stringify({ title: 'x', padding: 'y'.repeat(70 * 1024) });
    expect(errorOf(await client.request('POST', '/api/boards', { rawBody: big }))).toMatchObject({
      status: 413,
      code: 'too_large',
    });
    expect(errorOf(await client.request('POST', '/api/join', { rawBody: big }))).toMatchObject({
      status: 413,
    });
  });

  it('refuses unknown roles and out-of-range invite options', async () => {
    for (const body of [
      { role: 'admin' },
      { role: 'partner', maxUses: 0 },
      { role: 'partner', expiresInDays: 0 },
    ]) {
      const result = await client.request('POST', `/api/boards/${board.boardId}/invites`, {
        body,
        token: board.facilitator.token,
      });
      expect(errorOf(result)).toMatchObject({ status: 400, code: 'invalid_input' });
    }
  });

  it('refuses bad joins with the right status and writes nothing', async () => {
    const invite = await newInvite({ role: 'partner' });
    const before = await snapshot();
    const cases: [unknown, number, string][] = [
      [{ code: invite.code, name: 'Ayla' }, 400, 'invalid_input'],
      [
        { code: invite.code, name: 'n'.repeat(81), partner: { name: 'X', kind: 'other' } },
        400,
        'invalid_input',
      ],
      [{ code: invite.code, name: 'Ayla', partner: { name: 'X', kind: 'club' } }, 400, 'invalid_input'],
      [
        { code: invite.code, name: 'Ayla', partner: { name: 'X', kind: 'other' }, partnerId: 'p' },
        400,
        'invalid_input',
      ],
      [{ code: invite.code, name: 'Ayla', partnerId: 'no-such-partner' }, 404, 'not_found'],
      [{ code: 'ZZZZZZZZZZ', name: 'Ayla', partner: { name: 'X', kind: 'other' } }, 404, 'not_found'],
      [{ code: 'lowercase!', name: 'Ayla' }, 400, 'invalid_input'],
    ];
    for (const [body, status, code] of cases) {
      const error = errorOf(await client.request('POST', '/api/join', { body }));
      expect([JSON.stringify(body), error.status, error.code]).toEqual([JSON.stringify(body), status, code]);
    }
    expect(await snapshot()).toEqual(before);
    expect((await server.server.storage.accounts.findInviteByCodeHash(hashToken(invite.code)))?.uses).toBe(0);
  });

  it('answers 410 for used-up and expired invites, on preview and join', async () => {
    const once = await newInvite({ role: 'observer', maxUses: 1 });
    await client.join({ code: once.code, name: 'Erste' });
    const soon = await newInvite({ role: 'observer', expiresInDays: 1 });
    const before = await snapshot();
    expect(errorOf(await client.request('GET', `/api/invites/${once.code}`))).toMatchObject({ status: 410 });
    expect(
      errorOf(await client.request('POST', '/api/join', { body: { code: once.code, name: 'Zweite' } })),
    ).toMatchObject({ status: 410, code: 'invite_expired' });
    expect((await client.request('GET', `/api/invites/${soon.code}`)).status).toBe(200);
    clock += DAY + 1;
    expect(errorOf(await client.request('GET', `/api/invites/${soon.code}`))).toMatchObject({
      status: 410,
      code: 'invite_expired',
    });
    expect(
      errorOf(await client.request('POST', '/api/join', { body: { code: soon.code, name: 'Spät' } })),
    ).toMatchObject({
      status: 410,
    });
    expect(await snapshot()).toEqual(before);
  });

  it('answers unknown API paths and invite codes with 404 JSON', async () => {
    expect(errorOf(await client.request('GET', '/api/nothing'))).toMatchObject({
      status: 404,
      code: 'not_found',
    });
    expect(errorOf(await client.request('DELETE', '/api/boards'))).toMatchObject({
      status: 404,
      code: 'not_found',
    });
    expect(errorOf(await client.request('GET', '/api/invites/ZZZZZZZZZZ'))).toMatchObject({ status: 404 });
    expect(errorOf(await client.request('GET', '/api/invites/bad'))).toMatchObject({ status: 404 });
  });
});
