import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JoinInput, Storage } from '../types';
import { MIGRATIONS } from './migrations';
import { openSqliteStorage, SqliteStorage } from './sqliteStorage';

const NOW = 1_800_000_000_000;
const bytes = (...values: number[]) => new Uint8Array(values);

const FACILITATOR = {
  id: 'facilitator',
  boardId: 'board-1',
  name: 'Moderation',
  role: 'facilitator',
  partnerId: null,
  color: '#1d4ed8',
  tokenHash: 'hash-facilitator',
  createdAt: NOW,
} as const;

async function seedBoard(storage: Storage): Promise<void> {
  await storage.createBoard({
    board: { id: 'board-1', title: 'Runder Tisch', createdAt: NOW },
    facilitator: FACILITATOR,
    initialUpdates: [],
  });
}

/** One update by `participantId` (null = the server) at `at`. */
const update = (values: number[], participantId: string | null = null, at = NOW) => ({
  participantId,
  update: bytes(...values),
  at,
});

function joinInput(overrides: Partial<JoinInput> = {}): JoinInput {
  return {
    code: 'INVITE0001',
    now: NOW,
    participant: { id: `p-${Math.random()}`, name: 'Ayşe', tokenHash: `hash-${Math.random()}` },
    partner: {
      type: 'new',
      partner: { id: `partner-${Math.random()}`, name: 'Mieterverein', kind: 'residents' },
    },
    colorFor: (index) => `#00000${index}`,
    ...overrides,
  };
}

describe('SqliteStorage', () => {
  let storage: SqliteStorage;

  beforeEach(async () => {
    storage = new SqliteStorage(new Database(':memory:'));
    await seedBoard(storage);
    await storage.createInvite({
      code: 'INVITE0001',
      boardId: 'board-1',
      role: 'partner',
      maxUses: 2,
      uses: 0,
      expiresAt: NOW + 1000,
      createdBy: 'facilitator',
      createdAt: NOW,
    });
  });
  afterEach(() => storage.close());

  it('creates a board with its facilitator and first updates together, or nothing', async () => {
    await storage.createBoard({
      board: { id: 'board-2', title: 'Zweiter Tisch', createdAt: NOW },
      facilitator: { ...FACILITATOR, id: 'f2', boardId: 'board-2', tokenHash: 'hash-f2' },
      initialUpdates: [
        { docKey: 'board-2', update: bytes(1) },
        { docKey: 'board-2/record', update: bytes(2) },
      ],
    });
    expect((await storage.getBoard('board-2'))?.title).toBe('Zweiter Tisch');
    expect((await storage.listParticipants('board-2')).map((p) => p.id)).toEqual(['f2']);
    expect((await storage.listUpdates('board-2/record', 0)).map((u) => [[...u.update], u.at])).toEqual([
      [[2], NOW],
    ]);
    // The facilitator's token hash is taken: the board and its first updates are not stored either.
    await expect(
      storage.createBoard({
        board: { id: 'board-3', title: 'Dritter Tisch', createdAt: NOW },
        facilitator: { ...FACILITATOR, id: 'f3', boardId: 'board-3' },
        initialUpdates: [{ docKey: 'board-3', update: bytes(1) }],
      }),
    ).rejects.toThrow();
    expect(await storage.getBoard('board-3')).toBeNull();
    expect(await storage.countUpdates('board-3')).toBe(0);
  });

  it('appends updates and loads them in order, as Uint8Array, with author and time', async () => {
    const [first = 0, second = 0] = await storage.appendUpdates('board-1', [
      update([1, 2], 'facilitator'),
      update([3], null, NOW + 1),
    ]);
    await storage.appendUpdates('board-1/record', [update([9])]);
    expect(second).toBeGreaterThan(first);
    const loaded = await storage.loadDocument('board-1');
    expect(loaded.snapshot).toBeNull();
    expect(loaded.updates.map((u) => [u.seq, u.participantId, [...u.update], u.at])).toEqual([
      [first, 'facilitator', [1, 2], NOW],
      [second, null, [3], NOW + 1],
    ]);
    expect(loaded.updates[0]?.update).toBeInstanceOf(Uint8Array);
  });

  it('appends a batch all or nothing', async () => {
    await expect(
      storage.appendUpdates('board-1', [update([1]), update([2], 'no-such-participant')]),
    ).rejects.toThrow();
    expect(await storage.countUpdates('board-1')).toBe(0);
    expect(await storage.appendUpdates('board-1', [])).toEqual([]);
  });

  it('loads a snapshot plus only the updates after it, and keeps the whole log', async () => {
    const seqs = await storage.appendUpdates('board-1', [update([1]), update([2]), update([3])]);
    await storage.saveSnapshot('board-1', seqs[1] ?? 0, bytes(7, 7), NOW);
    const loaded = await storage.loadDocument('board-1');
    expect([...(loaded.snapshot ?? [])]).toEqual([7, 7]);
    expect(loaded.snapshotSeq).toBe(seqs[1]);
    expect(loaded.updates.map((u) => [...u.update])).toEqual([[3]]);
    expect(await storage.countUpdates('board-1')).toBe(3);
  });

  it('never replaces a snapshot with an older one', async () => {
    await storage.saveSnapshot('board-1', 5, bytes(5), NOW);
    await storage.saveSnapshot('board-1', 4, bytes(4), NOW);
    expect((await storage.loadDocument('board-1')).snapshotSeq).toBe(5);
  });

  it('joins: partner, participant and invite use in one step, colour by participant index', async () => {
    const result = await storage.join(joinInput());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.participant).toMatchObject({ boardId: 'board-1', role: 'partner', color: '#000001' });
    expect(result.participant.partnerId).toBe(result.createdPartner?.id);
    expect(await storage.listPartners('board-1')).toHaveLength(1);
    expect((await storage.findParticipantByTokenHash('hash-facilitator'))?.id).toBe('facilitator');
    expect((await storage.findInvite('INVITE0001'))?.uses).toBe(1);
  });

  it('joins an existing partner of the same board only', async () => {
    const first = await storage.join(joinInput());
    if (!first.ok) throw new Error('first join failed');
    const partnerId = first.participant.partnerId ?? '';
    expect((await storage.join(joinInput({ partner: { type: 'existing', partnerId } }))).ok).toBe(true);
    expect(await storage.listPartners('board-1')).toHaveLength(1);
  });

  it('refuses an exhausted invite and writes nothing', async () => {
    expect((await storage.join(joinInput())).ok).toBe(true);
    expect((await storage.join(joinInput())).ok).toBe(true);
    expect(await storage.join(joinInput())).toEqual({ ok: false, reason: 'invite_used_up' });
    expect(await storage.listParticipants('board-1')).toHaveLength(3);
    expect(await storage.listPartners('board-1')).toHaveLength(2);
    expect((await storage.findInvite('INVITE0001'))?.uses).toBe(2);
  });

  it('refuses expired and unknown invites and unknown partners without counting a use', async () => {
    expect(await storage.join(joinInput({ now: NOW + 1000 }))).toEqual({
      ok: false,
      reason: 'invite_expired',
    });
    expect(await storage.join(joinInput({ code: 'NOPE000000' }))).toEqual({
      ok: false,
      reason: 'invite_not_found',
    });
    expect(await storage.join(joinInput({ partner: { type: 'existing', partnerId: 'ghost' } }))).toEqual({
      ok: false,
      reason: 'partner_not_found',
    });
    expect((await storage.findInvite('INVITE0001'))?.uses).toBe(0);
    expect(await storage.listParticipants('board-1')).toHaveLength(1);
  });

  it('rolls the whole join back when a later step fails', async () => {
    const clash = joinInput({ participant: { id: 'x', name: 'Clash', tokenHash: 'hash-facilitator' } });
    await expect(storage.join(clash)).rejects.toThrow();
    expect((await storage.findInvite('INVITE0001'))?.uses).toBe(0);
    expect(await storage.listPartners('board-1')).toHaveLength(0);
  });
});

describe('openSqliteStorage', () => {
  it('migrates a new file once and reopens it with its data', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-storage-'));
    try {
      const first = openSqliteStorage(dir);
      await seedBoard(first);
      await first.close();
      const second = openSqliteStorage(dir);
      expect((await second.getBoard('board-1'))?.title).toBe('Runder Tisch');
      await second.close();
      const db = new Database(path.join(dir, 'common-ground.sqlite'));
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checkpoints in a worker, not in the writing connection, and closes without leaving a WAL', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-storage-'));
    const file = path.join(dir, 'common-ground.sqlite');
    try {
      const storage = openSqliteStorage(dir);
      await seedBoard(storage);
      for (let i = 0; i < 50; i++) {
        await storage.appendUpdates('board-1', [
          { participantId: null, update: new Uint8Array(2000), at: i },
        ]);
      }
      // 100 KB of updates are far below SQLite's own 1000-page checkpoint, so only the worker (once a second)
      // copies them from the WAL into the database file.
      await vi.waitFor(() => expect(fs.statSync(file).size).toBeGreaterThan(100_000), { timeout: 5000 });
      expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
      await storage.close();
      expect(fs.existsSync(`${file}-wal`)).toBe(false);
      const reopened = openSqliteStorage(dir);
      expect(await reopened.countUpdates('board-1')).toBe(50);
      await reopened.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
