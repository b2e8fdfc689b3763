import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cliArgs } from './recoverArgs';

const parse = (args: string[]) =>
  parseArgs({
    args: cliArgs(args),
    allowPositionals: true,
    options: {
      origin: { type: 'string' },
      participant: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });

describe('the recovery command line', () => {
  it('reads a board id that begins with "-" as the board, not as an option', () => {
    expect(parse(['-NM4IdrUsIWEAvz_']).positionals).toEqual(['-NM4IdrUsIWEAvz_']);
    const both = parse([
      '-NM4IdrUsIWEAvz_',
      '--participant',
      '-a3kd93kdk39dk3_',
      '--origin',
      'https://x.org',
    ]);
    expect(both.positionals).toEqual(['-NM4IdrUsIWEAvz_']);
    expect(both.values).toMatchObject({ participant: '-a3kd93kdk39dk3_', origin: 'https://x.org' });
  });

  it('keeps ordinary ids, help and what follows "--"', () => {
    expect(parse(['AAAAAAAAAAAAAAAA', '--origin', 'http://a']).positionals).toEqual(['AAAAAAAAAAAAAAAA']);
    expect(parse(['-h']).values.help).toBe(true);
    expect(parse(['--', '-x']).positionals).toEqual(['-x']);
  });

  it('still refuses an unknown option', () => {
    expect(() => parse(['--colour', 'red'])).toThrow();
  });
});
