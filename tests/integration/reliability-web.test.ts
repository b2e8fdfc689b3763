import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readParticipants, readPartners } from '@common-ground/shared/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVE_TABLES } from '../../server/src/archive/tables';
import { PURGE_STATEMENTS } from '../../server/src/storage/parts/lifecycle';
import { api, createClientPool, seedBoard, upgradeStatus } from '../helpers/clients';
import { addGoal, roundOf, roundsApi } from '../helpers/roundsApi';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';

const XSS = '<script>alert(1)</script><img src=x onerror=alert(2)>&amp;"\'';
/**
 * Modules that build statements from the schema's own constant lists — the board archive's tables
 * (archive/tables.ts, checked below) and the purge's (PURGE_STATEMENTS) — or that count tables whose names they
 * read from the database's catalogue and quote as identifiers (the backup's verification). Never from a request.
 */
const SCHEMA_LIST_MODULES = new Set([
  'archive/tables.ts',
  'storage/sqlite/boardArchive.ts',
  'storage/postgres/boardArchive.ts',
  'storage/sqlite/lifecycle.ts',
  'storage/postgres/lifecycle.ts',
  'backup/postgres.ts',
  'backup/sqliteFile.ts',
]);

const serverSrc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../server/src');

describe('web security', () => {
  let server: TestServer;
  const pool = createClientPool();
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    pool.destroyAll();
    await server.close();
  });

  it('keeps HTML in titles, names and texts as text through API, record document and Markdown export', async () => {
    const client = api(server.url);
    const board = await client.createBoard(`Board ${XSS}`, `Moderation ${XSS}`);
    const invite = await client.createInvite(board.boardId, board.token, { role: 'partner' });
    const partner = await client.join({
      code: invite.code,
      name: `Person ${XSS}`,
      partner: { name: `Verein ${XSS}`, kind: 'residents' },
    });
    const info = await client.request('GET', `/api/boards/${board.boardId}`, { token: partner.token });
    expect(info.body).toMatchObject({ title: `Board ${XSS}`, me: { name: `Person ${XSS}` } });
    expect(info.headers.get('content-type')).toBe('application/json; charset=utf-8');

    const record = pool.connect(server.url, board.boardId, partner.token, { record: true });
    await record.synced;
    await waitFor(() => readPartners(record.doc).length === 1);
    expect(readPartners(record.doc)[0]?.name).toBe(`Verein ${XSS}`);
    expect(readParticipants(record.doc).map((p) => p.name)).toContain(`Person ${XSS}`);

    const writer = pool.connect(server.url, board.boardId, board.token);
    const goalId = await addGoal(server.server, board.boardId, writer, `Ziel ${XSS}`, `Text ${XSS}\n# Kopf`);
    const rounds = roundsApi(server.url);
    const round = roundOf(await rounds.open(board.boardId, board.token, { goalId }), 201);
    roundOf(
      await rounds.stance(board.boardId, round.id, partner.token, { stance: 'concerns', reason: XSS }),
      201,
    );
    roundOf(await rounds.close(board.boardId, round.id, board.token), 200);

    const md = await rounds.exportAgreement(board.boardId, partner.token, 'md');
    const text = String(md.body);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.headers.get('x-content-type-options')).toBe('nosniff');
    expect(text).toContain('Ziel \\<script\\>alert(1)\\</script\\>');
    expect(text).toContain('Verein \\<script\\>');
    // No raw tag and no unescaped entity survives anywhere in the export.
    expect(text).not.toMatch(/(^|[^\\])</);
    expect(text).not.toMatch(/(^|[^\\])&/);
    const json = await rounds.exportAgreement(board.boardId, partner.token, 'json');
    expect(JSON.stringify(json.body)).toContain(JSON.stringify(`Ziel ${XSS}`).slice(1, -1));
  });

  it('sends strict security headers on pages, API answers, errors and refusals', async () => {
    const board = await seedBoard(server.url);
    const big = JSON.stringify({ title: 'x'.repeat(70 * 1024) });
    const responses = await Promise.all([
      fetch(`${server.url}/`),
      fetch(`${server.url}/b/${board.boardId}`),
      fetch(`${server.url}/api/health`),
      fetch(`${server.url}/api/boards/${board.boardId}`),
      fetch(`${server.url}/api/boards`, {
        method: 'POST',
        body: big,
        headers: { 'content-type': 'application/json' },
      }),
      fetch(`${server.url}/api/nothing`),
      fetch(`${server.url}/api/boards/${board.boardId}/export?format=md`, {
        headers: { authorization: `Bearer ${board.observer.token}` },
      }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 401, 413, 404, 200]);
    for (const response of responses) {
      const csp = response.headers.get('content-security-policy') ?? '';
      const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
      expect(scriptSrc).toBe("'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('answers every JSON body over the limit with 413', async () => {
    const board = await seedBoard(server.url);
    const r = roundsApi(server.url);
    const big = { title: 'x'.repeat(70 * 1024) };
    const base = `/api/boards/${board.boardId}`;
    const client = api(server.url);
    const results = await Promise.all([
      client.request('POST', '/api/boards', { body: big }),
      client.request('POST', `${base}/invites`, { body: big, token: board.facilitator.token }),
      client.request('POST', '/api/join', { body: big }),
      r.open(board.boardId, board.facilitator.token, big),
      r.stance(board.boardId, 'abcdefghijklmnop', board.partnerA.token, big),
      r.setRule(board.boardId, board.facilitator.token, big),
    ]);
    expect(results.map((x) => x.status)).toEqual([413, 413, 413, 413, 413, 413]);
  });

  it('answers ids and codes of the wrong shape with 404, token or not', async () => {
    const board = await seedBoard(server.url);
    const token = board.facilitator.token;
    const client = api(server.url);
    for (const id of ['short', `${board.boardId}x`, '..%2F..%2Fetc%2Fpasswd', '%00', 'a'.repeat(300)]) {
      for (const suffix of ['', '/rounds', '/export', '/invites']) {
        const method = suffix === '/invites' ? 'POST' : 'GET';
        const body = method === 'POST' ? { role: 'observer' } : undefined;
        const result = await client.request(method, `/api/boards/${id}${suffix}`, { token, body });
        expect([id, suffix, result.status]).toEqual([id, suffix, 404]);
      }
      expect(await upgradeStatus(server.url, `/ws/${id}?token=${token}`)).toBe(404);
    }
    for (const roundId of ['x', '..%2Fx', 'a'.repeat(300)]) {
      const result = await client.request('POST', `/api/boards/${board.boardId}/rounds/${roundId}/close`, {
        token,
      });
      expect([roundId, result.status]).toEqual([roundId, 404]);
    }
  });

  it('builds SQL only from placeholders and constant column lists', async () => {
    const offenders: string[] = [];
    const files = await fs.readdir(serverSrc, { recursive: true });
    for (const file of files.filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !SCHEMA_LIST_MODULES.has(f),
    )) {
      const source = await fs.readFile(path.join(serverSrc, file), 'utf8');
      for (const literal of source.match(/`[^`]*`/g) ?? []) {
        if (!/\b(SELECT|INSERT|UPDATE|DELETE)\b|^`\w+ = /.test(literal)) continue;
        for (const [, expression] of literal.matchAll(/\$\{([^}]*)\}/g)) {
          // Upper-case constants are column lists; the migration number is an integer the code computes.
          if (!/^[A-Z][A-Z_]*$/.test(expression ?? '') && expression !== 'version + 1') {
            offenders.push(`${file}: \${${expression}}`);
          }
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('names only plain identifiers in the constant table lists that statements are built from', () => {
    const identifier = /^[a-z_][a-z0-9_]*$/;
    const names = [
      ...ARCHIVE_TABLES.flatMap((t) => [
        t.name,
        t.scopeColumn,
        ...t.columns,
        ...Object.values(t.sqlite ?? {}),
      ]),
      ...ARCHIVE_TABLES.flatMap((t) => t.orderBy.split(/,\s*/)),
      ...PURGE_STATEMENTS.map((p) => p.table),
    ];
    expect(names.filter((name) => !identifier.test(name))).toEqual([]);
    // The purge's conditions are constants with placeholders only.
    expect(PURGE_STATEMENTS.filter((p) => /['";]|--/.test(p.where))).toEqual([]);
  });
});
