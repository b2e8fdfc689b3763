// Each shape's runner: how a round starts its contender and what it returns. Runners with `rounds: 1` are
// one-off measurements (durability has its own trials; cold load its own repeated loads).
import { OUR_ENGINES } from '../lib/args.mjs';
import { CONTENDERS } from '../lib/contenders.mjs';
import { capacity } from './capacity.mjs';
import { bundle } from './client.mjs';
import { coldLoad } from './cold.mjs';
import { durability } from './durability.mjs';
import { fanout } from './fanout.mjs';
import { hostile } from './hostile.mjs';
import { idle } from './idle.mjs';
import { joinStorm } from './join.mjs';
import { mixed } from './mixed.mjs';

/** Runs `measure` against a freshly started contender and always stops it. */
async function withServer(contender, env, measure) {
  const server = await env.start(contender, env.newDataDir());
  try {
    return await measure(server);
  } finally {
    await server.stop('SIGTERM');
  }
}

export const SHAPE_RUNNERS = {
  fanout: {
    run: (contender, cfg, env) =>
      withServer(contender, env, async (server) => {
        const rows = [];
        for (const observers of cfg.sizes) rows.push(await fanout(contender, server, { ...cfg, observers }));
        return { rows };
      }),
  },
  mixed: {
    run: (contender, cfg, env) =>
      withServer(contender, env, (server) => mixed(contender, server, cfg, env.seed + env.round)),
  },
  idle: {
    run: (contender, cfg, env) => withServer(contender, env, (server) => idle(contender, server, cfg)),
  },
  join: { rounds: 1, run: (contender, cfg, env) => joinStorm(contender, env, cfg) },
  cold: {
    rounds: 1,
    // Ours once more with snapshots off (SNAPSHOT_EVERY=0): every load replays the whole log, "without compaction";
    // on PostgreSQL too (one instance: the cluster loads from the same tables the same way).
    run: async (contender, cfg, env) => {
      const outcome = await coldLoad(contender, env, cfg);
      if (contender !== CONTENDERS.ours && contender !== CONTENDERS['ours-pg']) return outcome;
      return { ...outcome, withoutCompaction: await coldLoad(contender, env, cfg, { SNAPSHOT_EVERY: '0' }) };
    },
  },
  durability: { rounds: 1, run: (contender, cfg, env) => durability(contender, env, cfg) },
  client: { rounds: 1, contenders: () => ['ours'], run: async () => bundle() },
  // Ours only: the anchors have no defences against a hostile participant to measure.
  hostile: {
    rounds: 1,
    contenders: (names) => names.filter((name) => name === 'ours'),
    run: (contender, cfg, env) => hostile(contender, env, cfg),
  },
  // Our engines only: a round table opens rounds and gives stances through our API, which the anchors do not have.
  capacity: {
    rounds: 1,
    contenders: (names) => names.filter((name) => OUR_ENGINES.includes(name)),
    run: (contender, cfg, env) => capacity(contender, env, cfg),
  },
};
