// Bundles the server (server/src/main.ts and the shared package) into dist/server/main.mjs for `npm start` and
// the benchmark: plain `node` then runs it without tsx's module-loader thread, which cost ~60 MB of RSS and
// seconds of start-up compiling TypeScript. better-sqlite3 stays external (native); its path resolves from the
// repository's node_modules because the bundle lives inside the repository.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const serverBundlePath = path.join(repoRoot, 'dist/server/main.mjs');

await build({
  entryPoints: [path.join(repoRoot, 'server/src/main.ts')],
  outfile: serverBundlePath,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: ['better-sqlite3'],
  // Bundled CommonJS dependencies call require(); give the module one.
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
