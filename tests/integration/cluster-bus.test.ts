import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ClusterBus, DocUpdateEntry } from '../../server/src/cluster/bus';
import { openRedisBus } from '../../server/src/cluster/redisBus';
import type { Logger } from '../../server/src/log';
import { waitFor } from '../helpers/wait';

const url = process.env.REDIS_URL;

interface LogLine {
  readonly level: string;
  readonly msg: string;
  readonly fields: Record<string, unknown>;
}

interface TestBus {
  readonly bus: ClusterBus;
  readonly updates: { docKey: string; entries: readonly DocUpdateEntry[] }[];
  readonly awareness: { docKey: string; update: Uint8Array }[];
  readonly logs: LogLine[];
  /** Whether the bus logged `msg` (for connection `role`, if given). */
  logged(msg: string, role?: string): boolean;
}

const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);
const entry = (seq: number, update = Uint8Array.of(seq % 256, 0, 255)): DocUpdateEntry => ({ seq, update });

describe.skipIf(!url)(`cluster bus over Redis${url ? '' : ' (skipped: REDIS_URL is not set)'}`, () => {
  let admin: Redis;
  let prefix = '';
  const open: ClusterBus[] = [];

  beforeAll(() => {
    admin = new Redis(url ?? '');
  });
  afterAll(async () => {
    await admin.quit();
  });
  // A prefix of its own per test: runs (and tests) never read each other's messages.
  beforeEach(() => {
    prefix = `cg-test-${randomUUID()}`;
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((bus) => bus.close()));
    await admin.del(`${prefix}:updates`);
  });

  async function openBus(): Promise<TestBus> {
    const logs: LogLine[] = [];
    const record =
      (level: string) =>
      (msg: string, fields: Record<string, unknown> = {}): void => {
        logs.push({ level, msg, fields });
      };
    const log: Logger = {
      debug: record('debug'),
      info: record('info'),
      warn: record('warn'),
      error: record('error'),
    };
    const bus = await openRedisBus(url ?? '', { prefix, log });
    open.push(bus);
    const updates: TestBus['updates'] = [];
    const awareness: TestBus['awareness'] = [];
    bus.onUpdates((docKey, entries) => updates.push({ docKey, entries }));
    bus.onAwareness((docKey, update) => awareness.push({ docKey, update }));
    const logged = (msg: string, role?: string) =>
      logs.some((l) => l.msg === msg && (role === undefined || l.fields.role === role));
    return { bus, updates, awareness, logs, logged };
  }

  /** Kills one of a bus's connections from the server side, as a network failure would. */
  async function kill(bus: ClusterBus, role: string): Promise<void> {
    const list = String(await admin.client('LIST'));
    const line = list.split('\n').find((l) => l.includes(` name=${prefix}:${role}:${bus.instanceId} `));
    const id = line?.match(/^id=(\d+) /)?.[1];
    if (!id) throw new Error(`no ${role} connection of ${bus.instanceId}`);
    await admin.client('KILL', 'ID', id);
  }

  it('carries updates and awareness to the other instance byte for byte, never back to the sender', async () => {
    const a = await openBus();
    const b = await openBus();
    const sent = [entry(1, ALL_BYTES), entry(2, new Uint8Array(0)), entry(3, Uint8Array.of(0))];
    a.bus.publishUpdates('board-1/record', sent);
    a.bus.publishAwareness('board-1', ALL_BYTES);

    await waitFor(() => b.updates.length === 1 && b.awareness.length === 1, { message: 'B to receive' });
    expect(b.updates).toEqual([{ docKey: 'board-1/record', entries: sent }]);
    expect(b.awareness).toEqual([{ docKey: 'board-1', update: ALL_BYTES }]);

    // B's answers travel the same stream and channel after A's own messages: once A has them, it has read past
    // its own and skipped them.
    b.bus.publishUpdates('board-1', [entry(4)]);
    b.bus.publishAwareness('board-1', Uint8Array.of(7));
    await waitFor(() => a.updates.length > 0 && a.awareness.length > 0, { message: 'A to receive' });
    expect(a.updates).toEqual([{ docKey: 'board-1', entries: [entry(4)] }]);
    expect(a.awareness).toEqual([{ docKey: 'board-1', update: Uint8Array.of(7) }]);
    expect(b.updates).toHaveLength(1);
    expect(b.awareness).toHaveLength(1);
  });

  it("keeps one publisher's order", async () => {
    const a = await openBus();
    const b = await openBus();
    for (let seq = 1; seq <= 200; seq++) a.bus.publishUpdates(`doc-${seq % 3}`, [entry(seq)]);
    await waitFor(() => b.updates.length === 200, { message: '200 updates at B' });
    expect(b.updates.map((u) => u.entries[0]?.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(b.updates.map((u) => u.docKey)).toEqual(
      Array.from({ length: 200 }, (_, i) => `doc-${(i + 1) % 3}`),
    );
  });

  it('delivers every update published while the reading connection was down, after it reconnects', async () => {
    const a = await openBus();
    const b = await openBus();
    for (let seq = 1; seq <= 30; seq++) a.bus.publishUpdates('board-1', [entry(seq)]);
    await waitFor(() => b.updates.length === 30, { message: 'the first 30 at B' });

    await kill(b.bus, 'reader');
    for (let seq = 31; seq <= 100; seq++) a.bus.publishUpdates('board-1', [entry(seq)]);
    await waitFor(async () => (await admin.xlen(`${prefix}:updates`)) === 100, {
      message: '100 in the stream',
      interval: 1,
    });
    // ioredis waits at least 50 ms before reconnecting, so the last 70 were all written while B was away.
    expect(b.logged('cluster bus: reconnected to Redis', 'reader')).toBe(false);

    await waitFor(() => b.updates.length === 100, { message: 'all 100 at B' });
    expect(b.updates.map((u) => u.entries[0]?.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(b.logged('cluster bus: lost the connection to Redis', 'reader')).toBe(true);
    expect(b.logged('cluster bus: reconnected to Redis', 'reader')).toBe(true);
  });

  it('skips malformed stream entries and keeps reading', async () => {
    const a = await openBus();
    const b = await openBus();
    const key = `${prefix}:updates`;
    await admin.xadd(key, '*', 'garbage', 'yes');
    await admin.xadd(key, '*', 'i', 'someone', 'd', 'board-1', 's', 'NaN', 'u', 'x');
    await admin.xadd(key, '*', 'i', 'someone', 'd', 'board-1', 's', '5');
    a.bus.publishUpdates('board-1', [entry(1)]);
    await waitFor(() => b.updates.length === 1, { message: 'the valid update at B' });
    expect(b.updates).toEqual([{ docKey: 'board-1', entries: [entry(1)] }]);
    expect(b.logs.filter((l) => l.msg === 'cluster bus: skipped a malformed stream entry')).toHaveLength(3);
  });

  it('drops and logs publishes while Redis is unreachable, and publishes again after reconnecting', async () => {
    const a = await openBus();
    const b = await openBus();
    await kill(a.bus, 'publisher');
    await waitFor(() => a.logged('cluster bus: lost the connection to Redis', 'publisher'), {
      message: 'A offline',
    });
    expect(() => a.bus.publishUpdates('board-1', [entry(1)])).not.toThrow();
    expect(() => a.bus.publishAwareness('board-1', Uint8Array.of(1))).not.toThrow();
    await waitFor(() => a.logged('cluster bus: publishing failed, dropped'), { message: 'the drop logged' });
    expect(
      a.logs.filter((l) => l.msg === 'cluster bus: publishing failed, dropped' && l.level === 'warn'),
    ).toHaveLength(1);

    await waitFor(() => a.logged('cluster bus: reconnected to Redis', 'publisher'), { message: 'A back' });
    a.bus.publishUpdates('board-1', [entry(2)]);
    await waitFor(() => b.updates.length === 1, { message: 'the later update at B' });
    expect(b.updates).toEqual([{ docKey: 'board-1', entries: [entry(2)] }]);
    const recovered = a.logs.find((l) => l.msg === 'cluster bus: publishing works again');
    expect(recovered?.fields.dropped).toBe(2);
  });

  it('resubscribes to awareness after the subscribing connection was lost', async () => {
    const a = await openBus();
    const b = await openBus();
    await kill(b.bus, 'subscriber');
    await waitFor(() => b.logged('cluster bus: reconnected to Redis', 'subscriber'), { message: 'B back' });
    // Presence is lossy by design: repeat it until the renewed subscription hears it.
    await waitFor(
      () => {
        a.bus.publishAwareness('board-1', Uint8Array.of(3));
        return b.awareness.length > 0;
      },
      { message: 'awareness at B', interval: 20 },
    );
    expect(b.awareness[0]).toEqual({ docKey: 'board-1', update: Uint8Array.of(3) });
  });

  it('closes within a second, even with a read blocked in Redis', async () => {
    const a = await openBus();
    const started = Date.now();
    await a.bus.close();
    await a.bus.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(a.logs.filter((l) => l.level === 'warn' || l.level === 'error')).toEqual([]);
    expect(() => a.bus.publishUpdates('board-1', [entry(1)])).not.toThrow();
  });

  it('refuses to open when Redis cannot be reached', async () => {
    const log: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
    await expect(openRedisBus('redis://127.0.0.1:1', { prefix, log })).rejects.toThrow();
  });
});
