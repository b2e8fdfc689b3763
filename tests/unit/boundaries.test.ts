// The import boundaries of `npm run lint` (biome.json: noRestrictedImports per directory, noImportCycles), each
// shown to fail on a deliberate violation and to pass a clean file. The fixture is a small tree in a temp directory
// with the repository's own biome.json, so the repository's lint never sees it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const biome = path.join(repoRoot, 'node_modules/.bin/biome');

const use = (specifier: string) => `import * as m from '${specifier}';\nexport const used = m;\n`;

/** Fixture file → the rule its content breaks, or null when it is allowed. */
const CASES: ReadonlyArray<{ file: string; content: string; rule: string | null; why: string }> = [
  {
    file: 'client/src/board/yjs.ts',
    content: use('yjs'),
    rule: 'noRestrictedImports',
    why: 'yjs outside sync',
  },
  {
    file: 'client/src/board/provider.ts',
    content: use('y-websocket'),
    rule: 'noRestrictedImports',
    why: 'y-websocket outside sync',
  },
  {
    file: 'client/src/process/lib0.ts',
    content: use('lib0/encoding'),
    rule: 'noRestrictedImports',
    why: 'lib0 outside sync',
  },
  { file: 'client/src/sync/yjs.ts', content: use('yjs'), rule: null, why: 'yjs inside client/src/sync' },
  {
    file: 'client/src/board/server.ts',
    content: use('../../../server/src/rooms/room'),
    rule: 'noRestrictedImports',
    why: 'the client importing server code',
  },
  {
    file: 'client/src/sync/server.ts',
    content: use('@common-ground/server/src/rooms/room'),
    rule: 'noRestrictedImports',
    why: 'the client importing the server package',
  },
  {
    file: 'client/src/board/shared.ts',
    content: use('@common-ground/shared/api'),
    rule: null,
    why: 'the client importing shared',
  },
  {
    file: 'shared/src/rules/yjs.ts',
    content: use('yjs'),
    rule: 'noRestrictedImports',
    why: 'yjs outside schema',
  },
  { file: 'shared/src/schema/yjs.ts', content: use('yjs'), rule: null, why: 'yjs inside shared/src/schema' },
  {
    file: 'shared/src/api/client.ts',
    content: use('../../../client/src/app/api'),
    rule: 'noRestrictedImports',
    why: 'shared importing the client',
  },
  {
    file: 'shared/src/schema/server.ts',
    content: use('@common-ground/server/src/rooms/room'),
    rule: 'noRestrictedImports',
    why: 'shared importing the server',
  },
  { file: 'server/src/rooms/room.ts', content: use('yjs'), rule: null, why: "the server's rooms using yjs" },
  {
    file: 'server/src/rooms/writeQueue.ts',
    content: "import type { Connection } from './connection';\nexport const queue = (c: Connection) => c;\n",
    rule: 'noImportCycles',
    why: 'a cycle, even through a type-only import',
  },
  {
    file: 'server/src/rooms/connection.ts',
    content:
      "import { queue } from './writeQueue';\nexport interface Connection {}\nexport const q = queue;\n",
    rule: 'noImportCycles',
    why: 'the other end of the cycle',
  },
  {
    file: 'tests/helpers/a.ts',
    content: "import { b } from './b';\nexport const a = () => b();\n",
    rule: 'noImportCycles',
    why: 'a cycle in the tests',
  },
  {
    file: 'tests/helpers/b.ts',
    content: "import { a } from './a';\nexport const b = () => a();\n",
    rule: 'noImportCycles',
    why: 'the other end of the cycle in the tests',
  },
];

let dir = '';
const rulesByFile = new Map<string, Set<string>>();

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'common-ground-boundaries-'));
  const config = JSON.parse(fs.readFileSync(path.join(repoRoot, 'biome.json'), 'utf8'));
  delete config.$schema;
  fs.writeFileSync(path.join(dir, 'biome.json'), JSON.stringify(config));
  for (const { file, content } of CASES) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  const result = spawnSync(biome, ['lint', '--reporter=json', '--max-diagnostics=none', '.'], {
    cwd: dir,
    encoding: 'utf8',
  });
  const report = JSON.parse(result.stdout) as {
    diagnostics: Array<{ category: string; location: { path: string | { file: string } } }>;
  };
  for (const d of report.diagnostics) {
    const file = typeof d.location.path === 'string' ? d.location.path : d.location.path.file;
    const rule = d.category.split('/').at(-1) ?? d.category;
    rulesByFile.set(file, new Set([...(rulesByFile.get(file) ?? []), rule]));
  }
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('import boundaries in biome.json', () => {
  it.each(CASES.filter((c) => c.rule !== null))('$rule fails on $why ($file)', ({ file, rule }) => {
    expect([...(rulesByFile.get(file) ?? [])]).toContain(rule);
  });

  it.each(CASES.filter((c) => c.rule === null))('passes $why ($file)', ({ file }) => {
    expect([...(rulesByFile.get(file) ?? [])]).toEqual([]);
  });
});
