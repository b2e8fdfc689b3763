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

function seedBoard(storage: Storage): void {
  storage.createBoard({ id: 'board-1', title: 'Runder Tisch', createdAt: NOW });
  storage.createParticipant({
    id: 'facilitator',
    boardId: 'board-1',
    name: 'Moderation',
    role: 'facilitator',
    partnerId: null,
    color: '#1d4ed8',
    tokenHash: 'hash-facilitator',
    createdAt: NOW,
  });
}

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

  beforeEach(() => {
    storage = new SqliteStorage(new Database(':memory:'));
    seedBoard(storage);
    storage.createInvite({
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

  it('appends updates and loads them in order, as Uint8Array, with author and time', () => {
    const first = storage.appendUpdate('board-1', 'facilitator', bytes(1, 2), NOW);
    const second = storage.appendUpdate('board-1', null, bytes(3), NOW + 1);
    storage.appendUpdate('board-1/record', null, bytes(9), NOW);
    expect(second).toBeGreaterThan(first);
    const loaded = storage.loadDocument('board-1');
    expect(loaded.snapshot).toBeNull();
    expect(loaded.updates.map((u) => [u.seq, u.participantId, [...u.update], u.at])).toEqual([
      [first, 'facilitator', [1, 2], NOW],
      [second, null, [3], NOW + 1],
    ]);
    expect(loaded.updates[0]?.update).toBeInstanceOf(Uint8Array);
  });

  it('loads a snapshot plus only the updates after it, and keeps the whole log', () => {
    const seqs = [1, 2, 3].map((n) => storage.appendUpdate('board-1', null, bytes(n), NOW));
    storage.saveSnapshot('board-1', seqs[1] ?? 0, bytes(7, 7), NOW);
    const loaded = storage.loadDocument('board-1');
    expect([...(loaded.snapshot ?? [])]).toEqual([7, 7]);
    expect(loaded.snapshotSeq).toBe(seqs[1]);
    expect(loaded.updates.map((u) => [...u.update])).toEqual([[3]]);
    expect(storage.countUpdates('board-1')).toBe(3);
  });

  it('never replaces a snapshot with an older one', () => {
    storage.saveSnapshot('board-1', 5, bytes(5), NOW);
    storage.saveSnapshot('board-1', 4, bytes(4), NOW);
    expect(storage.loadDocument('board-1').snapshotSeq).toBe(5);
  });

  it('joins: partner, participant and invite use in one step, colour by participant index', () => {
    const result = storage.join(joinInput());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.participant).toMatchObject({ boardId: 'board-1', role: 'partner', color: '#000001' });
    expect(result.participant.partnerId).toBe(result.createdPartner?.id);
    expect(storage.listPartners('board-1')).toHaveLength(1);
    expect(storage.findParticipantByTokenHash('hash-facilitator')?.id).toBe('facilitator');
    expect(storage.findInvite('INVITE0001')?.uses).toBe(1);
  });

  it('joins an existing partner of the same board only', () => {
    const first = storage.join(joinInput());
    if (!first.ok) throw new Error('first join failed');
    const partnerId = first.participant.partnerId ?? '';
    expect(storage.join(joinInput({ partner: { type: 'existing', partnerId } })).ok).toBe(true);
    expect(storage.listPartners('board-1')).toHaveLength(1);
  });

  it('refuses an exhausted invite and writes nothing', () => {
    expect(storage.join(joinInput()).ok).toBe(true);
    expect(storage.join(joinInput()).ok).toBe(true);
    expect(storage.join(joinInput())).toEqual({ ok: false, reason: 'invite_used_up' });
    expect(storage.listParticipants('board-1')).toHaveLength(3);
    expect(storage.listPartners('board-1')).toHaveLength(2);
    expect(storage.findInvite('INVITE0001')?.uses).toBe(2);
  });

  it('refuses expired and unknown invites and unknown partners without counting a use', () => {
    expect(storage.join(joinInput({ now: NOW + 1000 }))).toEqual({ ok: false, reason: 'invite_expired' });
    expect(storage.join(joinInput({ code: 'NOPE000000' }))).toEqual({
      ok: false,
      reason: 'invite_not_found',
    });
    expect(storage.join(joinInput({ partner: { type: 'existing', partnerId: 'ghost' } }))).toEqual({
      ok: false,
      reason: 'partner_not_found',
    });
    expect(storage.findInvite('INVITE0001')?.uses).toBe(0);
    expect(storage.listParticipants('board-1')).toHaveLength(1);
  });

  it('rolls the whole join back when a later step fails', () => {
    const clash = joinInput({ participant: { id: 'x', name: 'Clash', tokenHash: 'hash-facilitator' } });
    expect(() => storage.join(clash)).toThrow();
    expect(storage.findInvite('INVITE0001')?.uses).toBe(0);
    expect(storage.listPartners('board-1')).toHaveLength(0);
  });

  it('rolls back a failed transaction', () => {
    expect(() =>
      storage.transaction(() => {
        storage.appendUpdate('board-1', null, bytes(1), NOW);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(storage.countUpdates('board-1')).toBe(0);
  });
});

describe('openSqliteStorage', () => {
  it('migrates a new file once and reopens it with its data', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-storage-'));
    try {
      const first = openSqliteStorage(dir);
      seedBoard(first);
      first.close();
      const second = openSqliteStorage(dir);
      expect(second.getBoard('board-1')?.title).toBe('Runder Tisch');
      second.close();
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
      seedBoard(storage);
      for (let i = 0; i < 50; i++) storage.appendUpdate('board-1', null, new Uint8Array(2000), i);
      // 100 KB of updates are far below SQLite's own 1000-page checkpoint, so only the worker (once a second)
      // copies them from the WAL into the database file.
      await vi.waitFor(() => expect(fs.statSync(file).size).toBeGreaterThan(100_000), { timeout: 5000 });
      expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
      storage.close();
      expect(fs.existsSync(`${file}-wal`)).toBe(false);
      const reopened = openSqliteStorage(dir);
      expect(reopened.countUpdates('board-1')).toBe(50);
      reopened.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
