import { BoardInfoResponse, CreateInviteResponse, InviteInfoResponse } from '@common-ground/shared/api';
import { readParticipants, readPartners } from '@common-ground/shared/schema';
import { describe, expect, it } from 'vitest';
import { hashToken } from '../../server/src/auth/secrets';
import { api, seedBoard } from '../helpers/clients';
import { useTestServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';

describe('API', () => {
  const fixture = useTestServer();

  it('creates a board whose creator is the facilitator, with the title in the board document', async () => {
    const { server, pool } = fixture;
    const client = api(server.url);
    const board = await client.createBoard('Runder Tisch Nordstadt', 'Frau Demir');
    const info = await client.request('GET', `/api/boards/${board.boardId}`, { token: board.token });
    const parsed = BoardInfoResponse.parse(info.body);
    expect(parsed.title).toBe('Runder Tisch Nordstadt');
    expect(parsed.me).toMatchObject({
      id: board.participantId,
      name: 'Frau Demir',
      role: 'facilitator',
      partnerId: null,
    });
    expect(parsed.partners).toEqual([]);
    const doc = pool.connect(server.url, board.boardId, board.token);
    await doc.synced;
    expect(doc.doc.getMap('board').get('title')).toBe('Runder Tisch Nordstadt');
  });

  it('invites, previews and joins; the record document shows the new people live', async () => {
    const { server, pool } = fixture;
    const client = api(server.url);
    const board = await client.createBoard();
    const record = pool.connect(server.url, board.boardId, board.token, { record: true });
    await record.synced;
    expect(readParticipants(record.doc).map((p) => p.role)).toEqual(['facilitator']);

    const invite = CreateInviteResponse.parse(
      await client.createInvite(board.boardId, board.token, {
        role: 'partner',
        maxUses: 5,
        expiresInDays: 7,
      }),
    );
    expect(invite.url).toBe(`${server.url}/join/${invite.code}`);
    const preview = InviteInfoResponse.parse(
      (await client.request('GET', `/api/invites/${invite.code}`)).body,
    );
    expect(preview).toMatchObject({
      boardId: board.boardId,
      boardTitle: 'Runder Tisch Südstadt',
      role: 'partner',
    });

    const first = await client.join({
      code: invite.code,
      name: 'Ayşe',
      partner: { name: 'Mieterverein', kind: 'residents' },
    });
    const partnerId = await waitFor(() => readPartners(record.doc)[0]?.id, {
      message: 'the new partner in the record',
    });
    const second = await client.join({ code: invite.code, name: 'Emre', partnerId });
    expect([first.role, second.role]).toEqual(['partner', 'partner']);
    await waitFor(() => readParticipants(record.doc).length === 3, { message: 'both joins in the record' });
    const people = readParticipants(record.doc);
    expect(new Set(people.map((p) => p.color)).size).toBe(3);
    expect(people.filter((p) => p.role === 'partner').every((p) => p.partnerId === partnerId)).toBe(true);

    const info = BoardInfoResponse.parse(
      (await client.request('GET', `/api/boards/${board.boardId}`, { token: second.token })).body,
    );
    expect(info.me.name).toBe('Emre');
    expect(info.partners.map((p) => p.name)).toEqual(['Mieterverein']);
    expect((await server.server.storage.accounts.findInviteByCodeHash(hashToken(invite.code)))?.uses).toBe(2);
  });

  it('lets observers and facilitators join without a partner', async () => {
    const { server } = fixture;
    const board = await seedBoard(server.url);
    expect(board.observer.role).toBe('observer');
    const invite = await api(server.url).createInvite(board.boardId, board.facilitator.token, {
      role: 'facilitator',
    });
    const cofacilitator = await api(server.url).join({ code: invite.code, name: 'Co-Moderation' });
    expect(cofacilitator.role).toBe('facilitator');
  });

  it('answers health checks', async () => {
    const { server } = fixture;
    expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({
      ok: true,
      quarantinedUpdates: 0,
      logBudgetRefusals: 0,
    });
  });
});
