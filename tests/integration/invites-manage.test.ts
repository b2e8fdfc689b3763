import path from 'node:path';
import { ErrorResponse, InviteListResponse, InviteSummary } from '@common-ground/shared/api';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { api, type SeededBoard, seedBoard } from '../helpers/clients';
import { useClockedServers } from '../helpers/server';

const DAY_MS = 24 * 60 * 60 * 1000;
const errorCode = (body: unknown) => ErrorResponse.parse(body).error.code;

describe('invites: stored hashed, listed and revoked by the facilitator', () => {
  const servers = useClockedServers();

  const start = async () => {
    const server = await servers.start();
    const board = await seedBoard(server.url);
    return { server, client: api(server.url), board };
  };
  const list = (client: ReturnType<typeof api>, board: SeededBoard, token = board.facilitator.token) =>
    client.request('GET', `/api/boards/${board.boardId}/invites`, { token });
  const revoke = (
    client: ReturnType<typeof api>,
    board: SeededBoard,
    inviteId: string,
    token = board.facilitator.token,
  ) => client.request('POST', `/api/boards/${board.boardId}/invites/${inviteId}/revoke`, { token });

  it('keeps no invite code in the database, yet preview and join work with the code the client has', async () => {
    const { server, client, board } = await start();
    const invite = await client.createInvite(board.boardId, board.facilitator.token, { role: 'observer' });
    expect((await client.request('GET', `/api/invites/${invite.code}`)).status).toBe(200);
    const db = new Database(path.join(server.dataDir, 'common-ground.sqlite'), { readonly: true });
    try {
      const rows = db.prepare('SELECT * FROM invites').all();
      expect(rows).toHaveLength(3);
      expect(JSON.stringify(rows)).not.toContain(invite.code);
    } finally {
      db.close();
    }
    expect((await client.join({ code: invite.code, name: 'Beamer 2' })).role).toBe('observer');
  });

  it('lists the board’s invites for its facilitator, with who, when, limits and uses, never a code', async () => {
    const { client, board } = await start();
    servers.clock.now += 1000;
    const once = await client.createInvite(board.boardId, board.facilitator.token, {
      role: 'partner',
      maxUses: 1,
      expiresInDays: 2,
    });
    const response = await list(client, board);
    expect(response.status).toBe(200);
    const { invites } = InviteListResponse.parse(response.body);
    // Oldest first; seedBoard's two invites share a millisecond.
    const summary = invites.map((i) => [i.role, i.uses, i.maxUses, i.status]);
    expect(summary.slice(0, 2)).toEqual(
      expect.arrayContaining([
        ['partner', 2, null, 'usable'],
        ['observer', 1, null, 'usable'],
      ]),
    );
    expect(summary[2]).toEqual(['partner', 0, 1, 'usable']);
    expect(invites[2]).toEqual({
      id: once.id,
      role: 'partner',
      status: 'usable',
      createdBy: board.facilitator.participantId,
      createdAt: servers.clock.now,
      expiresAt: servers.clock.now + 2 * DAY_MS,
      maxUses: 1,
      uses: 0,
      revokedAt: null,
      revokedBy: null,
      partnerId: null,
    });
    const text = JSON.stringify(response.body);
    expect(text).not.toContain(once.code);
    expect(text).not.toMatch(/code/i);
  });

  it('refuses a revoked invite at preview and join; revoking again is harmless and keeps the first time', async () => {
    const { client, board } = await start();
    const invite = await client.createInvite(board.boardId, board.facilitator.token, { role: 'partner' });
    servers.clock.now += 1000;
    const first = await revoke(client, board, invite.id);
    expect(first.status).toBe(200);
    expect(InviteSummary.parse(first.body)).toMatchObject({
      id: invite.id,
      status: 'revoked',
      revokedAt: servers.clock.now,
      revokedBy: board.facilitator.participantId,
    });
    servers.clock.now += 1000;
    const again = await revoke(client, board, invite.id);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);

    const preview = await client.request('GET', `/api/invites/${invite.code}`);
    expect([preview.status, errorCode(preview.body)]).toEqual([410, 'invite_revoked']);
    const join = await client.request('POST', '/api/join', {
      body: { code: invite.code, name: 'Zu spät', partner: { name: 'Verein', kind: 'other' } },
    });
    expect([join.status, errorCode(join.body)]).toEqual([410, 'invite_revoked']);
    const { invites } = InviteListResponse.parse((await list(client, board)).body);
    expect(invites.find((i) => i.id === invite.id)).toMatchObject({ status: 'revoked', uses: 0 });
  });

  it('lets a single-use invite be used once, then refuses it as used up', async () => {
    const { client, board } = await start();
    const invite = await client.createInvite(board.boardId, board.facilitator.token, {
      role: 'observer',
      maxUses: 1,
    });
    expect((await client.join({ code: invite.code, name: 'Gast' })).role).toBe('observer');
    const second = await client.request('POST', '/api/join', { body: { code: invite.code, name: 'Gast 2' } });
    expect([second.status, errorCode(second.body)]).toEqual([410, 'invite_expired']);
    const { invites } = InviteListResponse.parse((await list(client, board)).body);
    expect(invites.find((i) => i.id === invite.id)).toMatchObject({ status: 'used_up', uses: 1 });
  });

  it('answers everyone but the board’s facilitator as the API’s conventions say', async () => {
    const { server, client, board } = await start();
    const other = await seedBoard(server.url);
    const invite = await client.createInvite(board.boardId, board.facilitator.token, { role: 'partner' });
    const callers: [string, string | undefined, number][] = [
      ['partner', board.partnerA.token, 403],
      ['observer', board.observer.token, 403],
      ['facilitator of another board', other.facilitator.token, 403],
      ['no token', undefined, 401],
      ['unknown token', 'not-a-token', 401],
    ];
    for (const [who, token, status] of callers) {
      const listed = await client.request('GET', `/api/boards/${board.boardId}/invites`, { token });
      expect([who, listed.status]).toEqual([who, status]);
      const revoked = await client.request(
        'POST',
        `/api/boards/${board.boardId}/invites/${invite.id}/revoke`,
        { token },
      );
      expect([who, revoked.status]).toEqual([who, status]);
    }
    // Nothing above revoked it.
    expect((await client.request('GET', `/api/invites/${invite.code}`)).status).toBe(200);
  });

  it('answers 404 for unknown, malformed and other boards’ invite ids, and for malformed board ids', async () => {
    const { server, client, board } = await start();
    const other = await seedBoard(server.url);
    const theirs = await client.createInvite(other.boardId, other.facilitator.token, { role: 'partner' });
    for (const inviteId of [theirs.id, 'AAAAAAAAAAAAAAAA', 'x'.repeat(65), '%2E%2E', 'a%00b', theirs.code]) {
      const response = await revoke(client, board, inviteId);
      expect([inviteId, response.status]).toEqual([inviteId, 404]);
    }
    // The other board's invite still works.
    expect((await client.request('GET', `/api/invites/${theirs.code}`)).status).toBe(200);
    const badBoard = await client.request('GET', '/api/boards/not-a-board/invites', {
      token: board.facilitator.token,
    });
    expect(badBoard.status).toBe(404);
  });
});
