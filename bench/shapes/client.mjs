// Client: gzipped JavaScript of the initial route, i.e. the entry script, every modulepreload that
// dist/client/index.html names and the start language (lazy chunks load later and are reported apart; the JS of
// each route in the browser is lib/routeJs.mjs's). Builds into a temp directory if
// dist/client is missing, so the measurement never overwrites a build someone else is using.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { repoRoot } from '../lib/paths.mjs';

export function bundleDir() {
  const dist = path.join(repoRoot, 'dist/client');
  if (fs.existsSync(path.join(dist, 'index.html'))) return { dir: dist, built: false };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'common-ground-bench-dist-'));
  const result = spawnSync('npx', ['vite', 'build', '--outDir', dir, '--emptyOutDir'], { cwd: repoRoot });
  if (result.status !== 0) throw new Error(`vite build failed: ${result.stderr}`);
  return { dir, built: true };
}

const gzipKb = (file) =>
  Math.round(zlib.gzipSync(fs.readFileSync(file), { level: 9 }).byteLength / 102.4) / 10;

export function bundle() {
  const { dir, built } = bundleDir();
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const initial = new Set();
  for (const m of html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) initial.add(m[1]);
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)) initial.add(m[1]);
  // The language the page awaits before its first render (i18n/locale.ts), German by default; older builds have
  // the languages in the main bundle.
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, '.vite/manifest.json'), 'utf8'));
  const language = manifest['src/i18n/de.ts'];
  if (language) initial.add(`/${language.file}`);
  const file = (href) => path.join(dir, href.replace(/^\//, ''));
  const all = fs
    .readdirSync(path.join(dir, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `/assets/${f}`);
  const initialKb = [...initial].reduce((sum, href) => sum + gzipKb(file(href)), 0);
  const allKb = all.reduce((sum, href) => sum + gzipKb(file(href)), 0);
  return {
    built: built
      ? 'fresh build in a temp directory'
      : `dist/client as built ${fs.statSync(path.join(dir, 'index.html')).mtime.toISOString()}`,
    initialFiles: [...initial],
    initialJsGzipKb: Math.round(initialKb * 10) / 10,
    allJsGzipKb: Math.round(allKb * 10) / 10,
  };
}
