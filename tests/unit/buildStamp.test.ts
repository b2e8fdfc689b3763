// When `npm start` may reuse dist/ (scripts/lib/buildStamp.mjs): only while the stamp of the last complete
// build matches the sources that feed it. The fixture is a small tree in a temp directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BUILD_OUTPUTS,
  buildInputsHash,
  removeStamp,
  staleReason,
  writeStamp,
} from '../../scripts/lib/buildStamp.mjs';

let root = '';
const write = (file: string, content: string) => {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), content);
};
const build = () => {
  for (const output of BUILD_OUTPUTS) write(output, 'built');
  writeStamp(root, buildInputsHash(root));
};

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'build-stamp-'));
  write('package.json', '{}');
  write('vite.config.ts', 'export default {};');
  write('client/src/main.tsx', 'export const a = 1;');
  write('client/src/main.test.tsx', 'test');
  write('shared/src/rules/index.ts', 'export const b = 2;');
  write('server/src/main.ts', 'export const c = 3;');
  write('server/src/main.test.ts', 'test');
  write('client/node_modules/dep/index.js', 'dep');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('buildInputsHash', () => {
  it('changes with the content, the name or the number of any source file', () => {
    const before = buildInputsHash(root);
    expect(buildInputsHash(root)).toBe(before);
    write('shared/src/rules/index.ts', 'export const b = 3;');
    const edited = buildInputsHash(root);
    expect(edited).not.toBe(before);
    fs.renameSync(path.join(root, 'server/src/main.ts'), path.join(root, 'server/src/start.ts'));
    expect(buildInputsHash(root)).not.toBe(edited);
    write('client/public/icon.svg', '<svg/>');
    expect(buildInputsHash(root)).not.toBe(edited);
  });

  it('changes with the build configuration and the locked dependency versions', () => {
    const before = buildInputsHash(root);
    write('vite.config.ts', 'export default { base: "/" };');
    const configured = buildInputsHash(root);
    expect(configured).not.toBe(before);
    write('package-lock.json', '{"lockfileVersion":3}');
    expect(buildInputsHash(root)).not.toBe(configured);
  });

  it('ignores test files, installed packages and everything outside the build inputs', () => {
    const before = buildInputsHash(root);
    write('client/src/main.test.tsx', 'another test');
    write('server/src/main.test.ts', 'another test');
    write('client/node_modules/dep/index.js', 'another dep');
    write('tests/browser/board.test.ts', 'test');
    write('docs/notes.md', 'notes');
    write('dist/client/index.html', 'built');
    expect(buildInputsHash(root)).toBe(before);
  });
});

describe('staleReason', () => {
  it('asks for a build until a complete one is stamped, and not after it', () => {
    expect(staleReason(root)).toBe('no complete build yet');
    build();
    expect(staleReason(root)).toBeNull();
  });

  it('asks for a build when a source changed after it', () => {
    build();
    write('client/src/main.tsx', 'export const a = 2;');
    expect(staleReason(root)).toBe('the sources changed since the last build');
  });

  it('asks for a build when an output is gone (a build interrupted after the stamp was read)', () => {
    build();
    fs.rmSync(path.join(root, 'dist/server/main.mjs'));
    expect(staleReason(root)).toBe('dist/server/main.mjs is missing');
  });

  it('asks for a build once a new build has started (the stamp is removed first)', () => {
    build();
    removeStamp(root);
    expect(staleReason(root)).toBe('no complete build yet');
  });
});
