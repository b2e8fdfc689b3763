// Bundles the server (server/src/main.ts and the shared package) into dist/server/main.mjs for `npm start` and
// the benchmark: plain `node` then runs it without tsx's module-loader thread, which cost ~60 MB of RSS and
// seconds of start-up compiling TypeScript. better-sqlite3 stays external (native); its path resolves from the
// repository's node_modules because the bundle lives inside the repository.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * zod's `z` namespace re-exports `locales` (and `z.core.locales`), the error messages of 50-odd languages (300 KB of the 1.8 MB loaded at
 * start), and a namespace used as a value keeps every export in the bundle. The server never switches zod's
 * language (its own messages are English and never shown to people; zod configures `en` itself), so both hold
 * only `en` here. Every byte of loaded source costs memory twice: as the script's source string and as what
 * V8 compiles from it (issue 28, memory at rest).
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]v4[\\/](?:classic|core)$/.test(args.resolveDir)
        ? { path: path.join(args.resolveDir, '../locales/en.js'), namespace: 'zod-locales' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: path.dirname(args.path),
    }));
  },
};
const outdir = path.join(repoRoot, 'dist/server');
export const serverBundlePath = path.join(outdir, 'main.mjs');

// Chunk names carry content hashes: old ones would pile up.
fs.rmSync(outdir, { recursive: true, force: true });
await build({
  // `npm start` runs main.mjs under supervisor.mjs, which restarts it after a crash.
  entryPoints: {
    main: path.join(repoRoot, 'server/src/main.ts'),
    supervisor: path.join(repoRoot, 'server/src/supervise/main.ts'),
  },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  // The PostgreSQL and Redis code (pg, ioredis) is imported only when configured: its own chunks, never loaded
  // by the SQLite default.
  splitting: true,
  // No comments and no indentation, names kept. A single non-Latin-1 character (an em dash in a comment) makes V8
  // hold a file's whole source as two bytes per character. Start-up heap 13 → 8 MB, RSS 95 → 80 MB, together
  // with the split.
  minifyWhitespace: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: ['better-sqlite3'],
  // Bundled CommonJS dependencies call require(); give the module one.
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  plugins: [zodEnglishOnly],
  logLevel: 'warning',
});
