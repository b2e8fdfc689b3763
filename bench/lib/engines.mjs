// PostgreSQL and Redis for the engine contenders (ours-pg, ours-pg-redis): a fresh database and Redis key prefix
// per data directory (so a restart finds its data again), dropped after every shape round; whether the services
// are reachable at all; and the CPU they spend, which happens outside our server's processes.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { Redis } from 'ioredis';
import pg from 'pg';

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const CONNECT_TIMEOUT_MS = 3000;

/** The database the harness connects to for CREATE/DROP DATABASE; each bench database sits next to it. */
export const adminDatabaseUrl = () => process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
export const redisUrl = () => process.env.REDIS_URL || DEFAULT_REDIS_URL;

const safeUrl = (url) => url.replace(/\/\/[^@/]*@/, '//…@');

async function withClient(url, use) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

function redisClient() {
  // No retries and no offline queue: an unreachable Redis must fail the check at once, not hang the harness.
  return new Redis(redisUrl(), {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
}

/** Null when PostgreSQL answers and lets us create databases; otherwise why not. */
export async function postgresProblem() {
  try {
    const allowed = await withClient(adminDatabaseUrl(), async (client) => {
      const { rows } = await client.query(
        'select rolcreatedb or rolsuper as allowed from pg_roles where rolname = current_user',
      );
      return rows[0]?.allowed === true;
    });
    return allowed ? null : `the role of ${safeUrl(adminDatabaseUrl())} may not CREATE DATABASE`;
  } catch (error) {
    return `PostgreSQL unreachable at ${safeUrl(adminDatabaseUrl())} (${error.code ?? error.message}); set DATABASE_URL`;
  }
}

/** Null when Redis answers PING; otherwise why not. */
export async function redisProblem() {
  const redis = redisClient();
  // The socket's own error (ECONNREFUSED…) says more than the "Connection is closed" that connect() rejects with.
  let socketError = null;
  redis.on('error', (error) => {
    socketError ??= error;
  });
  try {
    await redis.connect();
    await redis.ping();
    return null;
  } catch (error) {
    const why = socketError?.code ?? error.code ?? error.message;
    return `Redis unreachable at ${safeUrl(redisUrl())} (${why}); set REDIS_URL`;
  } finally {
    redis.disconnect();
  }
}

const databases = new Map();
const prefixes = new Map();
const suffix = () => crypto.randomBytes(6).toString('hex');

/** The DATABASE_URL of `dataDir`'s database, created on first use. */
export async function databaseFor(dataDir) {
  let name = databases.get(dataDir);
  if (!name) {
    name = `cg_bench_${suffix()}`;
    await withClient(adminDatabaseUrl(), async (client) => {
      await client.query(`create database "${name}"`);
      // WAL write and sync times in pg_stat_wal (pgObserver.mjs), for this database's backends only; a role that
      // may not set it just leaves them unmeasured.
      await client.query(`alter database "${name}" set track_wal_io_timing = on`).catch(() => {});
    });
    databases.set(dataDir, name);
  }
  const url = new URL(adminDatabaseUrl());
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

/** The REDIS_PREFIX of `dataDir`'s cluster, so instances restarted on the same data find each other. */
export function redisPrefixFor(dataDir) {
  let prefix = prefixes.get(dataDir);
  if (!prefix) {
    prefix = `cg-bench-${suffix()}`;
    prefixes.set(dataDir, prefix);
  }
  return prefix;
}

/** Throws unless the server created its tables: a server that ignored DATABASE_URL would measure SQLite. */
export async function assertSchema(database) {
  const tables = await withClient(database.url, async (client) => {
    const { rows } = await client.query(
      "select count(*)::int as n from information_schema.tables where table_schema = 'public'",
    );
    return rows[0]?.n ?? 0;
  });
  if (tables === 0)
    throw new Error(`our server left ${database.name} empty: does this checkout support DATABASE_URL?`);
}

/** Bytes of the bench tables with their indexes and TOAST (the database's catalog overhead left out). */
export function tableBytes(database) {
  return withClient(database.url, async (client) => {
    const { rows } = await client.query(
      `select coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint as bytes
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r'`,
    );
    return Number(rows[0]?.bytes ?? 0);
  });
}

/** Drops every bench database and Redis prefix made so far (after a shape round, and at the end of a run). */
export async function releaseEngineResources() {
  const names = [...databases.values()];
  databases.clear();
  if (names.length > 0) {
    await withClient(adminDatabaseUrl(), async (client) => {
      // FORCE: a SIGKILLed instance's backends may not have noticed yet that their client is gone.
      for (const name of names) await client.query(`drop database if exists "${name}" with (force)`);
    });
  }
  const gone = [...prefixes.values()];
  prefixes.clear();
  if (gone.length === 0) return;
  const redis = redisClient();
  redis.on('error', () => {});
  try {
    await redis.connect();
    for (const prefix of gone) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
        if (keys.length > 0) await redis.unlink(...keys);
        cursor = next;
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
}

let ticksPerSecond = 0;
function clockTicks() {
  if (!ticksPerSecond) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** utime + stime of a local process in µs, or null (gone, or not on this machine). */
function processCpuUs(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / clockTicks();
  } catch {
    return null;
  }
}

/**
 * Cumulative CPU of the PostgreSQL backends serving `database` (and of the whole Redis server when `withRedis`),
 * in µs; the shapes report differences. A backend is remembered at its last reading, so one that exits between
 * readings keeps what it had used. Null figures: the service is not a local process we can read.
 */
export function externalCpuMeter(database, { withRedis }) {
  const lastSeen = new Map();
  return async () => {
    let postgres = null;
    try {
      const pids = await withClient(adminDatabaseUrl(), async (client) => {
        const { rows } = await client.query('select pid from pg_stat_activity where datname = $1', [
          database.name,
        ]);
        return rows.map((row) => row.pid);
      });
      for (const pid of pids) {
        const us = processCpuUs(pid);
        if (us !== null) lastSeen.set(pid, us);
      }
      if (lastSeen.size > 0) postgres = [...lastSeen.values()].reduce((a, b) => a + b, 0);
    } catch {
      postgres = null;
    }
    return { postgres, redis: withRedis ? await redisCpuUs() : null };
  };
}

/**
 * Calls per Redis command so far (INFO commandstats; the whole Redis server, so other users of it count too), or
 * null when Redis cannot be read.
 */
export async function redisCommandCalls() {
  const redis = redisClient();
  redis.on('error', () => {});
  try {
    await redis.connect();
    const info = await redis.info('commandstats');
    const calls = {};
    for (const [, command, n] of info.matchAll(/^cmdstat_(\w+):calls=(\d+)/gm)) calls[command] = Number(n);
    return calls;
  } catch {
    return null;
  } finally {
    redis.disconnect();
  }
}

async function redisCpuUs() {
  const redis = redisClient();
  redis.on('error', () => {});
  try {
    await redis.connect();
    const info = await redis.info('cpu');
    const field = (key) => Number(info.match(new RegExp(`^${key}:([\\d.]+)`, 'm'))?.[1] ?? Number.NaN);
    const seconds = field('used_cpu_user') + field('used_cpu_sys');
    return Number.isFinite(seconds) ? Math.round(seconds * 1e6) : null;
  } catch {
    return null;
  } finally {
    redis.disconnect();
  }
}
