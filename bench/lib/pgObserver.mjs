// What PostgreSQL did during a measured window of an engine contender, as counts that do not depend on a quiet
// machine: commits, WAL records, bytes, writes and syncs (with their time where `track_wal_io_timing` is on),
// checkpoints, the wait events of the bench database's backends sampled every SAMPLE_MS from pg_stat_activity,
// the core each backend last ran on (/proc, the server is pinned to core 0 and the load to core 1, PostgreSQL
// floats), and the top statements by total time when pg_stat_statements is loaded. Cluster-wide counters
// (pg_stat_wal, pg_stat_bgwriter) include whatever else the machine's PostgreSQL did meanwhile.
import fs from 'node:fs';
import pg from 'pg';
import { adminDatabaseUrl, redisCommandCalls } from './engines.mjs';

const SAMPLE_MS = 10;

async function connect(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  client.on('error', () => {});
  return client;
}

/** The core a process last ran on (field 39 of /proc/<pid>/stat), or null. */
function coreOf(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[36]);
  } catch {
    return null;
  }
}

async function counters(client, database) {
  const { rows } = await client.query(
    `select (select xact_commit from pg_stat_database where datname = $1)::bigint as commits,
            w.wal_records, w.wal_bytes::bigint, w.wal_write, w.wal_sync, w.wal_write_time, w.wal_sync_time,
            w.wal_buffers_full,
            b.checkpoints_timed + b.checkpoints_req as checkpoints
       from pg_stat_wal w, pg_stat_bgwriter b`,
    [database],
  );
  const row = rows[0];
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [key, typeof value === 'boolean' ? value : Number(value)]),
  );
}

async function statementsAvailable(client) {
  const { rows } = await client.query(
    "select 1 from pg_extension where extname = 'pg_stat_statements' limit 1",
  );
  return rows.length > 0;
}

/** Redis commands the window made (with `withRedis`): the cluster's stream and presence round trips. */
const REDIS_COMMANDS = ['xadd', 'xread', 'publish'];

/**
 * Starts watching `database` (its name and url); `stop()` ends the sampling and resolves to the figures of the
 * window. Never throws: a PostgreSQL that cannot be read gives `{ error }`.
 */
export async function observePostgres(database, { withRedis = false } = {}) {
  let admin;
  let bench;
  try {
    admin = await connect(adminDatabaseUrl());
    bench = await connect(database.url);
  } catch (error) {
    await Promise.all([admin?.end(), bench?.end()].filter(Boolean)).catch(() => {});
    return { stop: async () => ({ error: error.message }) };
  }
  const statements = await statementsAvailable(bench).catch(() => false);
  if (statements) await bench.query('select pg_stat_statements_reset()').catch(() => {});
  const before = await counters(admin, database.name);
  const redisBefore = withRedis ? await redisCommandCalls() : null;
  // The bench database's own setting (engines.mjs turns it on there): its backends time their WAL writes and syncs.
  const timed = await bench
    .query("select current_setting('track_wal_io_timing') = 'on' as on")
    .then(({ rows }) => rows[0]?.on === true)
    .catch(() => false);
  const startedAt = performance.now();
  const waits = new Map();
  const cores = new Map();
  let samples = 0;
  let backendSamples = 0;
  let stopped = false;
  const sample = async () => {
    const { rows } = await admin.query(
      `select pid, state, wait_event_type, wait_event from pg_stat_activity
        where datname = $1 and pid <> pg_backend_pid() and backend_type = 'client backend'`,
      [database.name],
    );
    samples++;
    for (const row of rows) {
      if (row.state === 'idle') continue;
      backendSamples++;
      const key = row.wait_event ? `${row.wait_event_type}:${row.wait_event}` : 'CPU';
      waits.set(key, (waits.get(key) ?? 0) + 1);
      const core = coreOf(row.pid);
      if (core !== null) cores.set(core, (cores.get(core) ?? 0) + 1);
    }
  };
  const loop = (async () => {
    while (!stopped) {
      const next = performance.now() + SAMPLE_MS;
      await sample().catch(() => {});
      const wait = next - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  })();

  return {
    async stop() {
      stopped = true;
      await loop;
      try {
        const after = await counters(admin, database.name);
        const delta = (key) => after[key] - before[key];
        const top = statements ? await topStatements(bench) : null;
        const redisAfter = redisBefore ? await redisCommandCalls() : null;
        const redisCalls = redisAfter
          ? Object.fromEntries(REDIS_COMMANDS.map((c) => [c, (redisAfter[c] ?? 0) - (redisBefore[c] ?? 0)]))
          : null;
        return {
          ms: Math.round(performance.now() - startedAt),
          commits: delta('commits'),
          walRecords: delta('wal_records'),
          walBytes: delta('wal_bytes'),
          walWrites: delta('wal_write'),
          walSyncs: delta('wal_sync'),
          walBuffersFull: delta('wal_buffers_full'),
          // pg_stat_wal's times are ms; only backends (and the WAL writer) with track_wal_io_timing add to them.
          walSyncMs: timed ? Math.round(delta('wal_sync_time') * 10) / 10 : null,
          walWriteMs: timed ? Math.round(delta('wal_write_time') * 10) / 10 : null,
          checkpoints: delta('checkpoints'),
          samples,
          /** Active backends seen per sample, by wait event ('CPU' = running or runnable, no wait event). */
          waits: Object.fromEntries([...waits].sort((a, b) => b[1] - a[1])),
          activePerSample: samples ? Math.round((backendSamples / samples) * 100) / 100 : 0,
          /** Where the active backends last ran: core 0 is our server's, core 1 the load generator's. */
          cores: Object.fromEntries(cores),
          statements: top,
          redisCalls,
        };
      } catch (error) {
        return { error: error.message };
      } finally {
        await Promise.all([admin.end(), bench.end()]).catch(() => {});
      }
    },
  };
}

async function topStatements(client) {
  const { rows } = await client.query(
    `select left(regexp_replace(query, '\\s+', ' ', 'g'), 80) as query, calls::int,
            round(mean_exec_time::numeric, 3)::float as mean_ms, round(max_exec_time::numeric, 2)::float as max_ms,
            round(total_exec_time::numeric, 1)::float as total_ms, wal_records::int
       from pg_stat_statements
      where dbid = (select oid from pg_database where datname = current_database())
      order by total_exec_time desc limit 5`,
  );
  return rows;
}
