import { proposeGoal } from '@common-ground/shared/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createClientPool, type SeededBoard, seedBoard, upgradeStatus } from '../helpers/clients';
import { addGoal } from '../helpers/roundsApi';
import { startTestServer, type TestServer } from '../helpers/server';

type Role = 'none' | 'observer' | 'partner' | 'facilitator';
type Expected = Record<Role, number>;
interface Row {
  readonly name: string;
  /** Status with a token of this board; with another board's token every row expects 403, without one 401. */
  readonly own: Expected;
  readonly call: (token: string | undefined) => Promise<number>;
}

const DAY = 24 * 60 * 60 * 1000;
const ROLES: readonly Role[] = ['none', 'observer', 'partner', 'facilitator'];

describe('access matrix: every endpoint × role × own/foreign board', () => {
  let now = Date.UTC(2027, 0, 1);
  let server: TestServer;
  let board: SeededBoard;
  let foreign: SeededBoard;
  let goalId: string;
  let roundId: string;
  let partnerAId: string;
  let partnerBId: string;
  const pool = createClientPool();

  const tokenOf = (b: SeededBoard, role: Role): string | undefined =>
    role === 'none'
      ? undefined
      : role === 'observer'
        ? b.observer.token
        : role === 'partner'
          ? b.partnerA.token
          : b.facilitator.token;

  beforeAll(async () => {
    server = await startTestServer({ config: { now: () => now } });
    [board, foreign] = await Promise.all([seedBoard(server.url), seedBoard(server.url)]);
    const writer = pool.connect(server.url, board.boardId, board.facilitator.token);
    goalId = await addGoal(server.server, board.boardId, writer, 'Spielplatz', 'Bis Juni');
    // A second goal for the "open a round" row; the first carries the round the other rows use.
    proposeGoal(writer.doc, { title: 'Zweites Ziel', description: 'x', createdBy: 'f', now: 1 });
    const opened = await api(server.url).request('POST', `/api/boards/${board.boardId}/rounds`, {
      token: board.facilitator.token,
      body: { goalId },
    });
    roundId = (opened.body as { id: string }).id;
    const info = await api(server.url).request('GET', `/api/boards/${board.boardId}`, {
      token: board.facilitator.token,
    });
    const partners = (info.body as { partners: { id: string; name: string }[] }).partners;
    const idOf = (name: string) => partners.find((partner) => partner.name === name)?.id ?? '';
    partnerAId = idOf('Mieterverein Südstadt');
    partnerBId = idOf('Wohnbau GmbH');
  });
  afterAll(async () => {
    pool.destroyAll();
    await server.close();
  });

  const status = async (method: string, path: string, token: string | undefined, body?: unknown) =>
    (await api(server.url).request(method, path, { token, body })).status;
  const b = () => `/api/boards/${board.boardId}`;

  // Rows whose facilitator call changes state (open, close) come last within their row: foreign first.
  const rows: Row[] = [
    {
      name: 'GET board',
      own: { none: 401, observer: 200, partner: 200, facilitator: 200 },
      call: (t) => status('GET', b(), t),
    },
    {
      name: 'POST invite',
      own: { none: 401, observer: 403, partner: 403, facilitator: 201 },
      call: (t) => status('POST', `${b()}/invites`, t, { role: 'observer' }),
    },
    {
      name: 'GET rounds',
      own: { none: 401, observer: 200, partner: 200, facilitator: 200 },
      call: (t) => status('GET', `${b()}/rounds`, t),
    },
    {
      name: 'PUT decision-rule',
      own: { none: 401, observer: 403, partner: 403, facilitator: 200 },
      call: (t) => status('PUT', `${b()}/decision-rule`, t, { rule: { kind: 'consent' } }),
    },
    {
      name: 'POST stance',
      own: { none: 401, observer: 403, partner: 201, facilitator: 403 },
      call: (t) => status('POST', `${b()}/rounds/${roundId}/stances`, t, { stance: 'agree' }),
    },
    {
      name: 'GET export json',
      own: { none: 401, observer: 200, partner: 200, facilitator: 200 },
      call: (t) => status('GET', `${b()}/export?format=json`, t),
    },
    {
      name: 'GET export md',
      own: { none: 401, observer: 200, partner: 200, facilitator: 200 },
      call: (t) => status('GET', `${b()}/export?format=md`, t),
    },
    ...['me/data', 'me/data?format=md'].map(
      (path): Row => ({
        name: `GET ${path}`,
        own: { none: 401, observer: 200, partner: 200, facilitator: 200 },
        call: (t) => status('GET', `${b()}/${path}`, t),
      }),
    ),
    ...['activity', 'goals/GOAL/history', 'as-of?at=1', 'since-last-visit', 'voice-balance', 'network'].map(
      (path): Row => ({
        name: `GET ${path}`,
        own: { none: 401, observer: 200, partner: 200, facilitator: 200 },
        call: (t) => status('GET', `${b()}/${path.replace('GOAL', goalId)}`, t),
      }),
    ),
    {
      name: 'GET facilitation',
      own: { none: 401, observer: 200, partner: 200, facilitator: 200 },
      call: (t) => status('GET', `${b()}/facilitation`, t),
    },
    {
      name: 'PUT facilitation focus',
      own: { none: 401, observer: 403, partner: 403, facilitator: 200 },
      call: (t) => status('PUT', `${b()}/facilitation`, t, { focus: goalId }),
    },
    {
      // Partner A's own profile: its people and the facilitator may edit it.
      name: 'PUT partner profile',
      own: { none: 401, observer: 403, partner: 200, facilitator: 200 },
      call: (t) => status('PUT', `${b()}/partners/${partnerAId}/profile`, t, { description: 'Wir helfen.' }),
    },
    {
      // Each successful role gets its own relation kind, so the second is no duplicate (409).
      name: 'POST relation',
      own: { none: 401, observer: 403, partner: 201, facilitator: 201 },
      call: (t) =>
        status('POST', `${b()}/relations`, t, {
          from: partnerAId,
          to: partnerBId,
          kind: t === board.facilitator.token ? 'informal' : 'cooperation',
          strength: 2,
        }),
    },
    {
      name: 'POST close round',
      own: { none: 401, observer: 403, partner: 403, facilitator: 200 },
      call: (t) => status('POST', `${b()}/rounds/${roundId}/close`, t),
    },
    {
      name: 'POST open round',
      own: { none: 401, observer: 403, partner: 403, facilitator: 201 },
      call: (t) => status('POST', `${b()}/rounds`, t, { goalId }),
    },
    {
      name: 'websocket board doc',
      own: { none: 401, observer: 101, partner: 101, facilitator: 101 },
      call: (t) => upgradeStatus(server.url, `/ws/${board.boardId}${t ? `?token=${t}` : ''}`),
    },
    {
      name: 'websocket record doc',
      own: { none: 401, observer: 101, partner: 101, facilitator: 101 },
      call: (t) => upgradeStatus(server.url, `/ws/${board.boardId}/record${t ? `?token=${t}` : ''}`),
    },
  ];

  it('answers every cell with the expected status', async () => {
    const actual: string[] = [];
    const expected: string[] = [];
    for (const row of rows) {
      for (const role of ROLES.filter((r) => r !== 'none')) {
        actual.push(`${row.name} foreign ${role}: ${await row.call(tokenOf(foreign, role))}`);
        expected.push(`${row.name} foreign ${role}: 403`);
      }
      for (const role of ROLES) {
        actual.push(`${row.name} own ${role}: ${await row.call(tokenOf(board, role))}`);
        expected.push(`${row.name} own ${role}: ${row.own[role]}`);
      }
    }
    expect(actual).toEqual(expected);
  });

  it('refuses guessed tokens on the API and the websocket', async () => {
    for (let i = 0; i < 20; i++) {
      const guess = Buffer.from(`guess-${i}`.padEnd(32, 'x')).toString('base64url');
      expect(await status('GET', b(), guess)).toBe(401);
      expect(await upgradeStatus(server.url, `/ws/${board.boardId}?token=${guess}`)).toBe(401);
    }
  });

  it('refuses used-up and expired invite codes, and codes of the wrong shape', async () => {
    const client = api(server.url);
    const once = await client.createInvite(board.boardId, board.facilitator.token, {
      role: 'observer',
      maxUses: 1,
    });
    await client.join({ code: once.code, name: 'Erste' });
    const reuse = await client.request('POST', '/api/join', { body: { code: once.code, name: 'Zweite' } });
    expect([reuse.status, (await client.request('GET', `/api/invites/${once.code}`)).status]).toEqual([
      410, 410,
    ]);

    const soon = await client.createInvite(board.boardId, board.facilitator.token, {
      role: 'observer',
      expiresInDays: 1,
    });
    now += 2 * DAY;
    const late = await client.request('POST', '/api/join', { body: { code: soon.code, name: 'Spät' } });
    expect([late.status, (await client.request('GET', `/api/invites/${soon.code}`)).status]).toEqual([
      410, 410,
    ]);
    for (const code of ['abc', 'ILOU000000', '0000000000', '..%2F..%2Fetc']) {
      expect((await client.request('GET', `/api/invites/${code}`)).status).toBe(404);
    }
  });
});
