import fs from 'node:fs/promises';
import { goalText, proposeGoal, readBoardTitle, readGoals } from '@common-ground/shared/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { api, createClientPool, seedBoard } from '../helpers/clients';
import { makeDataDir, spawnServer, startTestServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';

describe('persistence', () => {
  const pool = createClientPool();
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    pool.destroyAll();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('keeps documents, participants and invites across a restart', async () => {
    const first = await startTestServer();
    cleanups.push(() => fs.rm(first.dataDir, { recursive: true, force: true }));
    const board = await seedBoard(first.url);
    const invite = await api(first.url).createInvite(board.boardId, board.facilitator.token, {
      role: 'partner',
    });
    const a = pool.connect(first.url, board.boardId, board.partnerA.token);
    await a.synced;
    const goalId = proposeGoal(a.doc, {
      title: 'Nachbarschaftsfest',
      description: 'Im Juni',
      createdBy: 'a',
      now: 1,
    });
    const b = pool.connect(first.url, board.boardId, board.partnerB.token);
    await waitFor(() => b.doc.getMap('goals').has(goalId), { message: 'B to receive the goal' });
    pool.destroyAll();
    await first.close({ keepData: true });

    const second = await startTestServer({ dataDir: first.dataDir });
    cleanups.push(() => second.close());
    const fresh = pool.connect(second.url, board.boardId, board.partnerB.token);
    await fresh.synced;
    expect(readBoardTitle(fresh.doc)).toBe('Runder Tisch Südstadt');
    expect(goalText(fresh.doc, goalId, 'description')?.toString()).toBe('Im Juni');
    const info = await api(second.url).request('GET', `/api/boards/${board.boardId}`, {
      token: board.partnerA.token,
    });
    expect(info.status).toBe(200);
    const joined = await api(second.url).join({
      code: invite.code,
      name: 'Can',
      partner: { name: 'Schule', kind: 'school' },
    });
    expect(joined.role).toBe('partner');
  });

  it('keeps an edit another client has seen when the server is killed with SIGKILL (3 times)', async () => {
    const dataDir = await makeDataDir();
    cleanups.push(() => fs.rm(dataDir, { recursive: true, force: true }));
    let server = await spawnServer({ dataDir });
    cleanups.push(() => server.kill('SIGKILL'));
    const board = await seedBoard(server.url);
    const titles: string[] = [];

    for (let round = 1; round <= 3; round++) {
      const a = pool.connect(server.url, board.boardId, board.partnerA.token);
      const b = pool.connect(server.url, board.boardId, board.partnerB.token);
      await Promise.all([a.synced, b.synced]);
      const title = `Ziel ${round}`;
      titles.push(title);
      const goalId = proposeGoal(a.doc, { title, description: '', createdBy: 'a', now: round });
      await waitFor(() => goalText(b.doc, goalId, 'title')?.toString() === title, {
        message: 'B to see the edit',
      });

      await server.kill('SIGKILL');
      pool.destroyAll();
      server = await spawnServer({ dataDir });

      const fresh = pool.connect(server.url, board.boardId, board.observer.token);
      await fresh.synced;
      expect(readGoals(fresh.doc).map((g) => g.title)).toEqual(titles);
      pool.destroyAll();
    }
  });
});
