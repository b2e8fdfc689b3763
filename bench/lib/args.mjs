import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchDir } from './paths.mjs';
import { PROFILES, SHAPES } from './profiles.mjs';

const USAGE = `npm run bench -- [--quick | --smoke] [--only ours,hocuspocus,ywss] [--shapes fanout,mixed,...]
  [--seed 7] [--out bench/results]`;

export function readArgs(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      smoke: { type: 'boolean', default: false },
      only: { type: 'string', default: 'ours,hocuspocus,ywss' },
      shapes: { type: 'string' },
      seed: { type: 'string', default: '7' },
      out: { type: 'string', default: path.join(benchDir, 'results') },
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
  return {
    mode,
    profile,
    contenders: values.only.split(','),
    shapes: mode === 'smoke' ? ['fanout'] : shapes,
    seed: Number(values.seed),
    out: path.resolve(values.out),
  };
}
