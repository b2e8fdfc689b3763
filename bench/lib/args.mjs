import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchDir } from './paths.mjs';
import { PROFILES, SHAPES } from './profiles.mjs';

/** Our server on its three storage engines; the "Storage engines" table compares them. */
export const OUR_ENGINES = ['ours', 'ours-pg', 'ours-pg-redis'];
const ANCHORS = ['hocuspocus', 'ywss'];
const ALL = ['ours', ...ANCHORS, ...OUR_ENGINES.slice(1)];
/** Run only when named: the y-websocket server storing before it sends (bench/servers/ywss-sqlite.mjs). */
const REFERENCES = ['ywss-sqlite'];
const KNOWN = [...ALL, ...REFERENCES];

const USAGE = `npm run bench -- [--quick | --smoke] [--only ${KNOWN.join(',')}] [--shapes fanout,mixed,...]
  [--seed 7] [--out bench/results] [--cpu-prof] [--ours-runner bundle|tsx]
  --cpu-prof writes a V8 CPU profile of every contender process to <out>/profiles (open in Chrome DevTools)`;

export function readArgs(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      smoke: { type: 'boolean', default: false },
      only: { type: 'string', default: ALL.join(',') },
      shapes: { type: 'string' },
      seed: { type: 'string', default: '7' },
      out: { type: 'string', default: path.join(benchDir, 'results') },
      'cpu-prof': { type: 'boolean', default: false },
      'ours-runner': { type: 'string', default: 'bundle' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const mode = values.smoke ? 'smoke' : values.quick ? 'quick' : 'full';
  const profile = PROFILES[mode];
  const shapes = (values.shapes ?? SHAPES.join(',')).split(',').filter((s) => s === 'client' || profile[s]);
  for (const s of shapes) if (!SHAPES.includes(s)) throw new Error(`unknown shape ${s}\n${USAGE}`);
  const contenders = values.only.split(',');
  for (const c of contenders) if (!KNOWN.includes(c)) throw new Error(`unknown contender ${c}\n${USAGE}`);
  return {
    mode,
    profile,
    contenders,
    // Smoke: the fan-out unless shapes are named (the test's capacity smoke).
    shapes: mode === 'smoke' && !values.shapes ? ['fanout'] : shapes,
    seed: Number(values.seed),
    out: path.resolve(values.out),
    oursRunner: values['ours-runner'] === 'tsx' ? 'tsx' : 'bundle',
    cpuProfDir: values['cpu-prof'] ? path.join(path.resolve(values.out), 'profiles') : null,
  };
}
