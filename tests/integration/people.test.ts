import path from 'node:path';
import {
  DEVICE_LINK_MINUTES,
  type DeviceLinkResponse,
  ErrorResponse,
  PeopleResponse,
  type RedeemDeviceLinkResponse,
} from '@common-ground/shared/api';
import { CloseCode } from '@common-ground/shared/protocol';
import { readParticipants } from '@common-ground/shared/schema';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { api, type SeededBoard, seedBoard, upgradeStatus } from '../helpers/clients';
import { type TestServer, useClockedServers } from '../helpers/server';
import { waitFor } from '../helpers/wait';

type Client = ReturnType<typeof api>;
const errorCode = (body: unknown) => ErrorResponse.parse(body).error.code;
const codeOf = (url: string) => new URL(url).hash.slice(1);

interface Setup {
  readonly server: TestServer;
  readonly client: Client;
  readonly board: SeededBoard;
  readonly other: SeededBoard;
  /** A second facilitator, joined through a facilitator invite. */
  readonly co: { readonly participantId: string; readonly token: string };
  /** Joins someone new as an observer: a target the destructive calls may use up. */
  newcomer(): Promise<{ participantId: string; token: string }>;
}

describe('people: list, roles, removal, devices', () => {
  const servers = useClockedServers();

  const start = async (): Promise<Setup> => {
    const server = await servers.start();
    const client = api(server.url);
    const [board, other] = await Promise.all([seedBoard(server.url), seedBoard(server.url)]);
    const coInvite = await client.createInvite(board.boardId, board.facilitator.token, {
      role: 'facilitator',
    });
    const co = await client.join({ code: coInvite.code, name: 'Co-Moderation' });
    const observerInvite = await client.createInvite(board.boardId, board.facilitator.token, {
      role: 'observer',
    });
    let n = 0;
    const newcomer = async () => client.join({ code: observerInvite.code, name: `Gast ${++n}` });
    return { server, client, board, other, co, newcomer };
  };

  const people = (s: Setup, token: string) =>
    s.client.request('GET', `/api/boards/${s.board.boardId}/people`, { token });
  const setRole = (s: Setup, token: string, participantId: string, role: string) =>
    s.client.request('POST', `/api/boards/${s.board.boardId}/people/${participantId}/role`, {
      token,
      body: { role },
    });
  const remove = (s: Setup, token: string, participantId: string) =>
    s.client.request('POST', `/api/boards/${s.board.boardId}/people/${participantId}/remove`, { token });
  const reentry = (s: Setup, token: string, participantId: string) =>
    s.client.request('POST', `/api/boards/${s.board.boardId}/people/${participantId}/reentry`, { token });
  const deviceLink = (s: Setup, token: string) =>
    s.client.request('POST', `/api/boards/${s.board.boardId}/device-links`, { token });
  const leave = (s: Setup, token: string) =>
    s.client.request('POST', `/api/boards/${s.board.boardId}/leave`, { token });
  const redeem = (s: Setup, code: string) =>
    s.client.request('POST', '/api/device-links/redeem', { body: { code } });

  it('answers each caller as its role allows (access matrix)', async () => {
    const s = await start();
    const gone = await s.newcomer();
    expect((await remove(s, s.board.facilitator.token, gone.participantId)).status).toBe(200);
    const callers: [string, string | undefined][] = [
      ['facilitator', s.board.facilitator.token],
      ['co-facilitator', s.co.token],
      ['partner', s.board.partnerA.token],
      ['observer', s.board.observer.token],
      ['other board', s.other.facilitator.token],
      ['no token', undefined],
      ['removed person', gone.token],
    ];
    const matrix: Record<string, number[]> = {};
    for (const [who, token] of callers) {
      // Fresh targets per caller: removal and re-entry end what they touch.
      const [a, b, c] = [await s.newcomer(), await s.newcomer(), await s.newcomer()];
      const t = token ?? '';
      matrix[who] = [
        (await people(s, t)).status,
        (await setRole(s, t, a.participantId, 'facilitator')).status,
        (await remove(s, t, b.participantId)).status,
        (await reentry(s, t, c.participantId)).status,
        (await deviceLink(s, t)).status,
      ];
    }
    expect(matrix).toEqual({
      facilitator: [200, 200, 200, 201, 201],
      'co-facilitator': [200, 200, 200, 201, 201],
      partner: [403, 403, 403, 403, 201],
      observer: [403, 403, 403, 403, 201],
      'other board': [403, 403, 403, 403, 403],
      'no token': [401, 401, 401, 401, 401],
      'removed person': [401, 401, 401, 401, 401],
    });
  });

  it('refuses hostile input: foreign ids, bad roles, malformed codes', async () => {
    const s = await start();
    const f = s.board.facilitator.token;
    expect((await setRole(s, f, s.other.partnerA.participantId, 'observer')).status).toBe(404);
    expect((await remove(s, f, s.other.facilitator.participantId)).status).toBe(404);
    expect((await reentry(s, f, '..%2F..')).status).toBe(404);
    expect((await setRole(s, f, s.board.observer.participantId, 'admin')).status).toBe(400);
    // A partner speaks for an organisation: an observer cannot just be made one.
    expect((await setRole(s, f, s.board.observer.participantId, 'partner')).status).toBe(409);
    expect((await redeem(s, 'x'.repeat(43))).status).toBe(404);
    expect((await redeem(s, '<script>')).status).toBe(400);
    const extra = await s.client.request('POST', '/api/device-links/redeem', {
      body: { code: 'a', token: 'b' },
    });
    expect(extra.status).toBe(400);
    // The other board's people are unaffected.
    const otherPeople = PeopleResponse.parse(
      (
        await s.client.request('GET', `/api/boards/${s.other.boardId}/people`, {
          token: s.other.facilitator.token,
        })
      ).body,
    ).people;
    expect(otherPeople.every((p) => p.removedAt === null)).toBe(true);
  });

  it('lists everyone with organisation, role, devices and last visit', async () => {
    const s = await start();
    const list = PeopleResponse.parse((await people(s, s.board.facilitator.token)).body).people;
    const ayse = list.find((p) => p.id === s.board.partnerA.participantId);
    expect(ayse).toMatchObject({
      name: 'Ayşe',
      role: 'partner',
      partnerName: 'Mieterverein Südstadt',
      devices: 1,
      lastSeenAt: null,
      online: false,
      removedAt: null,
    });
    // Joined at the same (injected) millisecond: the order between them is the id's.
    expect(new Set(list.filter((p) => p.role === 'facilitator').map((p) => p.id))).toEqual(
      new Set([s.board.facilitator.participantId, s.co.participantId]),
    );
  });

  it('closes a removed person’s open socket with 4401 and refuses their token afterwards; history keeps the name', async () => {
    const s = await start();
    const { boardId, partnerA } = s.board;
    const socket = servers.pool.connect(s.server.url, boardId, partnerA.token, {
      participantId: partnerA.participantId,
    });
    await socket.synced;
    const closes: number[] = [];
    socket.provider.on('connection-close', (event) => closes.push(event?.code ?? 0));
    const record = servers.pool.connect(s.server.url, boardId, s.board.facilitator.token, { record: true });
    await record.synced;

    const removed = await remove(s, s.board.facilitator.token, partnerA.participantId);
    expect(removed.status).toBe(200);
    await waitFor(() => closes.length > 0, { message: 'the removed person’s socket closes' });
    expect(closes[0]).toBe(CloseCode.AccessEnded);
    expect(await upgradeStatus(s.server.url, `/ws/${boardId}?token=${partnerA.token}`)).toBe(401);
    expect((await s.client.request('GET', `/api/boards/${boardId}`, { token: partnerA.token })).status).toBe(
      401,
    );
    // The record keeps them, marked: their name stays in what they said and did.
    await waitFor(
      () => readParticipants(record.doc).some((p) => p.id === partnerA.participantId && p.removed === true),
      { message: 'the record marks them removed' },
    );
    const list = PeopleResponse.parse((await people(s, s.board.facilitator.token)).body).people;
    expect(list.find((p) => p.id === partnerA.participantId)).toMatchObject({ devices: 0, name: 'Ayşe' });
    expect(list.find((p) => p.id === partnerA.participantId)?.removedAt).toBeTypeOf('number');
  });

  it('keeps at least one facilitator: the last cannot be removed, demoted or leave', async () => {
    const s = await start();
    const f = s.board.facilitator;
    // Two facilitators: the co-facilitator goes; now the first is the last.
    expect((await remove(s, f.token, s.co.participantId)).status).toBe(200);
    for (const result of [
      await remove(s, f.token, f.participantId),
      await setRole(s, f.token, f.participantId, 'observer'),
      await leave(s, f.token),
    ]) {
      expect([result.status, errorCode(result.body)]).toEqual([409, 'last_facilitator']);
    }
    // A new co-facilitator: now the first may step down, and the new one is the last.
    const observer = s.board.observer;
    expect((await setRole(s, f.token, observer.participantId, 'facilitator')).status).toBe(200);
    expect((await setRole(s, observer.token, f.participantId, 'observer')).status).toBe(200);
    expect((await remove(s, observer.token, observer.participantId)).status).toBe(409);
    // Leaving one of two devices is fine; leaving the last is not.
    const link = (await deviceLink(s, observer.token)).body as DeviceLinkResponse;
    const second = (await redeem(s, codeOf(link.url))).body as RedeemDeviceLinkResponse;
    expect((await leave(s, observer.token)).status).toBe(200);
    expect((await leave(s, second.token)).status).toBe(409);
  });

  it('demoting closes the open socket so it comes back with the new role', async () => {
    const s = await start();
    const { boardId } = s.board;
    const socket = servers.pool.connect(s.server.url, boardId, s.co.token, {
      participantId: s.co.participantId,
    });
    await socket.synced;
    const closes: number[] = [];
    socket.provider.on('connection-close', (event) => closes.push(event?.code ?? 0));
    expect((await setRole(s, s.board.facilitator.token, s.co.participantId, 'observer')).status).toBe(200);
    await waitFor(() => closes.length > 0, { message: 'the demoted socket closes' });
    expect(closes[0]).toBe(CloseCode.GoingAway);
    const me = await s.client.request('GET', `/api/boards/${boardId}`, { token: s.co.token });
    expect((me.body as { me: { role: string } }).me.role).toBe('observer');
  });

  it('moves to another device with a one-time link; both devices work, the link works once and expires', async () => {
    const s = await start();
    const { partnerA, boardId } = s.board;
    const created = await deviceLink(s, partnerA.token);
    expect(created.status).toBe(201);
    const link = created.body as DeviceLinkResponse;
    expect(link.expiresAt).toBe(servers.clock.now + DEVICE_LINK_MINUTES * 60_000);
    const code = codeOf(link.url);
    // Only the code's hash is stored.
    const db = new Database(path.join(s.server.dataDir, 'common-ground.sqlite'), { readonly: true });
    try {
      expect(JSON.stringify(db.prepare('SELECT * FROM device_links').all())).not.toContain(code);
      expect(JSON.stringify(db.prepare('SELECT * FROM participant_tokens').all())).not.toContain(
        partnerA.token,
      );
    } finally {
      db.close();
    }
    const redeemed = await redeem(s, code);
    expect(redeemed.status).toBe(201);
    const second = redeemed.body as RedeemDeviceLinkResponse;
    expect(second).toMatchObject({ boardId, participantId: partnerA.participantId, role: 'partner' });
    expect(second.token).not.toBe(partnerA.token);
    for (const token of [partnerA.token, second.token]) {
      expect((await s.client.request('GET', `/api/boards/${boardId}`, { token })).status).toBe(200);
    }
    const again = await redeem(s, code);
    expect([again.status, errorCode(again.body)]).toEqual([410, 'link_used']);

    const late = codeOf(((await deviceLink(s, partnerA.token)).body as DeviceLinkResponse).url);
    servers.clock.now += DEVICE_LINK_MINUTES * 60_000;
    const expired = await redeem(s, late);
    expect([expired.status, errorCode(expired.body)]).toEqual([410, 'link_expired']);
  });

  it('a re-entry link ends the lost device at once (socket 4401, token refused) and lets the person back in', async () => {
    const s = await start();
    const { partnerB, boardId } = s.board;
    const lost = servers.pool.connect(s.server.url, boardId, partnerB.token, {
      participantId: partnerB.participantId,
    });
    await lost.synced;
    const closes: number[] = [];
    lost.provider.on('connection-close', (event) => closes.push(event?.code ?? 0));
    const issued = await reentry(s, s.co.token, partnerB.participantId);
    expect(issued.status).toBe(201);
    await waitFor(() => closes.length > 0, { message: 'the lost device’s socket closes' });
    expect(closes[0]).toBe(CloseCode.AccessEnded);
    expect((await s.client.request('GET', `/api/boards/${boardId}`, { token: partnerB.token })).status).toBe(
      401,
    );
    const back = (await redeem(s, codeOf((issued.body as DeviceLinkResponse).url)))
      .body as RedeemDeviceLinkResponse;
    expect(back.participantId).toBe(partnerB.participantId);
    expect(await upgradeStatus(s.server.url, `/ws/${boardId}?token=${back.token}`)).toBe(101);
    // Nobody issues a re-entry link for themselves: it would end their own access.
    expect((await reentry(s, s.co.token, s.co.participantId)).status).toBe(409);
  });
});
