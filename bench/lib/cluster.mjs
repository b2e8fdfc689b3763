// Our server on PostgreSQL: one instance (ours-pg), or two instances sharing one database and one Redis prefix
// (ours-pg-redis), each its own process pinned to core 0 like every contender. A cluster is one server handle to
// the shapes: `port` is instance 1 (writers), `ports` lists both (observers alternate), stats add up the
// processes, and instance 1 can be killed and restarted alone while instance 2 keeps serving.
import { assertSchema, databaseFor, externalCpuMeter, redisPrefixFor, redisUrl } from './engines.mjs';
import { observePostgres } from './pgObserver.mjs';

/** The port client `i` of a group uses: writers are client 0; with two instances every other client is on 2. */
export const portFor = (server, i) => (server.ports ? server.ports[i % server.ports.length] : server.port);

/** Instance 2's port when there is one (a reader that should not be on the writer's instance), else the port. */
export const otherPort = (server) => portFor(server, 1);

const sum = (values) => values.reduce((a, b) => a + b, 0);
const maxOf = (values) => Math.max(...values.filter((v) => typeof v === 'number'));

/** One set of figures for several processes: CPU and memory add up, event-loop delay is the worst instance's. */
function combineStats(all) {
  return {
    cpu: { user: sum(all.map((s) => s.cpu.user)), system: sum(all.map((s) => s.cpu.system)) },
    rss: sum(all.map((s) => s.rss)),
    heapUsed: sum(all.map((s) => s.heapUsed)),
    loop: {
      p50: maxOf(all.map((s) => s.loop.p50)),
      p99: maxOf(all.map((s) => s.loop.p99)),
      max: maxOf(all.map((s) => s.loop.max)),
    },
    instances: all,
  };
}

/**
 * @param {(name: string, dataDir: string, env: Record<string, string>) => Promise<object>} startOurs starts one
 *   process of our server with `env` on top of the benchmark settings
 */
export async function startOnPostgres(startOurs, { name, dataDir, extraEnv, instances }) {
  const database = await databaseFor(dataDir);
  const env = {
    DATABASE_URL: database.url,
    ...(instances > 1 ? { REDIS_URL: redisUrl(), REDIS_PREFIX: redisPrefixFor(dataDir) } : {}),
    ...extraEnv,
  };
  const startInstance = (i) => startOurs(instances > 1 ? `${name}-${i + 1}` : name, dataDir, env);
  const meter = externalCpuMeter(database, { withRedis: instances > 1 });
  const running = [];
  try {
    // One after the other: instance 1 creates the schema, so instance 2 never races it.
    for (let i = 0; i < instances; i++) {
      running.push(await startInstance(i));
      if (i === 0) await assertSchema(database);
    }
  } catch (error) {
    await Promise.all(running.map((s) => s.stop('SIGKILL')));
    throw error;
  }
  const listenMs = running.map((s) => s.listenMs);
  // A measured window runs from a stats call that resets the event-loop figures to the next one that does not:
  // PostgreSQL is watched in between (see pgObserver.mjs) and the figures come with the second call.
  let watching = null;
  return {
    name,
    database,
    listenMs: Math.max(...listenMs),
    get port() {
      return running[0].port;
    },
    get ports() {
      return instances > 1 ? running.map((s) => s.port) : undefined;
    },
    get instances() {
      return [...running];
    },
    async stats(options = {}) {
      const window = watching;
      watching = null;
      const watched = window ? await window.stop() : null;
      const postgres = options.resetLoop ? null : watched;
      const all = await Promise.all(running.map((s) => s.stats(options)));
      const stats = { ...(all.length === 1 ? all[0] : combineStats(all)), external: await meter(), postgres };
      if (options.resetLoop) watching = await observePostgres(database, { withRedis: instances > 1 });
      return stats;
    },
    stderr: () => running.map((s) => s.stderr()).join('\n'),
    /** Stops instance `i` alone (the durability shape kills instance 1 while instance 2 keeps serving). */
    stopInstance: (i, signal) => running[i].stop(signal),
    async restartInstance(i) {
      running[i] = await startInstance(i);
    },
    async stop(signal) {
      await watching?.stop();
      watching = null;
      const results = await Promise.all(running.map((s) => s.stop(signal)));
      return results[0];
    },
  };
}

/**
 * CPU between two stats readings in µs: our server's processes, PostgreSQL's backends for the bench database and
 * the Redis server (null where the contender has none, or the process is not readable here).
 */
export function cpuBetween(before, after) {
  const external = (key) => {
    const [a, b] = [before.external?.[key], after.external?.[key]];
    return typeof a === 'number' && typeof b === 'number' ? b - a : null;
  };
  return {
    server: after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system,
    postgres: external('postgres'),
    redis: external('redis'),
  };
}

/**
 * What PostgreSQL and each instance's pool did in a measured window (engine contenders only): the observer's
 * figures (pgObserver.mjs) and per instance the probe's waits for a connection and query times.
 */
export function postgresWindow(after) {
  if (!after.postgres) return {};
  return { postgres: after.postgres, pools: (after.instances ?? [after]).map((s) => s.pool ?? null) };
}
