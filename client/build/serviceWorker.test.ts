import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildVersion, serviceWorker } from './serviceWorker';

const TEMPLATE = "const VERSION = '__VERSION__';\nconst PRECACHE = __PRECACHE__;\n";

/** Runs the plugin's generateBundle over a bundle with index.html and one chunk; returns the emitted sw.js. */
function emitWorker(dir: string): string {
  const plugin = serviceWorker({
    template: path.join(dir, 'sw.template.js'),
    publicDir: path.join(dir, 'public'),
  });
  const generate = plugin.generateBundle;
  if (typeof generate !== 'function') throw new Error('generateBundle is not a plain function');
  let emitted = '';
  const context = { emitFile: (file: { source: string }) => (emitted = file.source) };
  const bundle = {
    'index.html': { type: 'asset', source: '<script src="/assets/index-1.js"></script>' },
    'assets/index-1.js': { type: 'chunk', code: 'console.log(1)' },
    'assets/index-1.js.map': { type: 'asset', source: '{}' },
  };
  // The plugin reads only type, source and code; the rest of Rollup's context and bundle types is not needed.
  Reflect.apply(generate, context, [{}, bundle, false]);
  return emitted;
}

const versionIn = (worker: string) => /const VERSION = "([0-9a-f]{16})"/.exec(worker)?.[1];

describe('the service worker version', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-sw-'));
    fs.writeFileSync(path.join(dir, 'sw.template.js'), TEMPLATE);
    fs.mkdirSync(path.join(dir, 'public', 'icons'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'public', 'manifest.webmanifest'), '{"name":"Common Ground"}');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('changes when an icon’s bytes change under the same name', () => {
    const icon = path.join(dir, 'public', 'icons', 'icon-192.png');
    fs.writeFileSync(icon, Buffer.from([0x89, 0x50, 0x4e, 0x47, 1]));
    const first = emitWorker(dir);
    fs.writeFileSync(icon, Buffer.from([0x89, 0x50, 0x4e, 0x47, 2]));
    const second = emitWorker(dir);
    expect(versionIn(first)).toBeDefined();
    expect(versionIn(second)).toBeDefined();
    expect(versionIn(second)).not.toBe(versionIn(first));
  });

  it('stays the same for the same build, and precaches every file but source maps', () => {
    fs.writeFileSync(path.join(dir, 'public', 'icons', 'icon-192.png'), Buffer.from([1, 2, 3]));
    const worker = emitWorker(dir);
    expect(emitWorker(dir)).toBe(worker);
    expect(worker).toContain(
      JSON.stringify(['/assets/index-1.js', '/icons/icon-192.png', '/index.html', '/manifest.webmanifest']),
    );
  });
});

describe('buildVersion', () => {
  it('depends on names and contents, not on the order files are listed', () => {
    const a = { name: 'a.png', content: new Uint8Array([1]) };
    const b = { name: 'b.js', content: 'x' };
    expect(buildVersion([a, b])).toBe(buildVersion([b, a]));
    expect(buildVersion([a, b])).not.toBe(buildVersion([a, { ...b, content: 'y' }]));
    expect(buildVersion([a, b])).not.toBe(buildVersion([a, { ...b, name: 'c.js' }]));
  });

  it('does not let content move between files unnoticed', () => {
    const split = [
      { name: 'a', content: 'xy' },
      { name: 'b', content: '' },
    ];
    const moved = [
      { name: 'a', content: 'x' },
      { name: 'b', content: 'y' },
    ];
    expect(buildVersion(split)).not.toBe(buildVersion(moved));
  });
});
