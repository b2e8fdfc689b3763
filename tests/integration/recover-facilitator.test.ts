import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { RedeemDeviceLinkResponse } from '@common-ground/shared/api';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/child';
import { api, type SeededBoard, seedBoard } from '../helpers/clients';
import { startTestServer, type TestServer, withoutScaleOut } from '../helpers/server';

const run = promisify(execFile);

describe('operator recovery: a one-time facilitator re-entry link from the server', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** The command as the README gives it, against the server's data directory (SQLite, the server running). */
  const recover = (dataDir: string, args: readonly string[], env: Record<string, string> = {}) =>
    run('npm', ['run', '--silent', 'recover-facilitator', '--', ...args], {
      cwd: repoRoot,
      env: { ...withoutScaleOut(process.env), DATABASE_URL: '', PUBLIC_URL: '', DATA_DIR: dataDir, ...env },
    });

  it('prints a link that gives the facilitator a new device once, and ends the lost one', async () => {
    server = await startTestServer();
    const board: SeededBoard = await seedBoard(server.url);
    const client = api(server.url);
    const { stdout } = await recover(server.dataDir, [board.boardId, '--origin', server.url]);
    const url = stdout.match(/^(http\S+\/device#\S+)$/m)?.[1];
    expect(url, stdout).toBeDefined();
    expect(stdout).toContain('Moderation');
    const code = new URL(url ?? '').hash.slice(1);

    // The lost laptop's token ends at once.
    const lost = await client.request('GET', `/api/boards/${board.boardId}`, {
      token: board.facilitator.token,
    });
    expect(lost.status).toBe(401);
    const redeemed = await client.request('POST', '/api/device-links/redeem', { body: { code } });
    expect(redeemed.status).toBe(201);
    const back = redeemed.body as RedeemDeviceLinkResponse;
    expect(back).toMatchObject({ participantId: board.facilitator.participantId, role: 'facilitator' });
    const people = await client.request('GET', `/api/boards/${board.boardId}/people`, { token: back.token });
    expect(people.status).toBe(200);
    expect((await client.request('POST', '/api/device-links/redeem', { body: { code } })).status).toBe(410);
  });

  it('uses PUBLIC_URL when no origin is given, and refuses what it cannot do', async () => {
    server = await startTestServer();
    const board = await seedBoard(server.url);
    const { stdout } = await recover(server.dataDir, [board.boardId], {
      PUBLIC_URL: 'https://tisch.example.org/',
    });
    expect(stdout).toMatch(/^https:\/\/tisch\.example\.org\/device#[A-Za-z0-9_-]{43}$/m);

    await expect(recover(server.dataDir, [board.boardId])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('origin'),
    });
    await expect(recover(server.dataDir, ['AAAAAAAAAAAAAAAA', '--origin', server.url])).rejects.toMatchObject(
      {
        code: 1,
        stderr: expect.stringContaining('No board'),
      },
    );
    await expect(
      recover(server.dataDir, [
        board.boardId,
        '--origin',
        server.url,
        '--participant',
        board.partnerA.participantId,
      ]),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('no such facilitator') });
  });
});
