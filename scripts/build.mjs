// `npm run build`: the client (vite → dist/client) and the server bundle (scripts/build-server.mjs →
// dist/server), then a stamp of the sources they were built from, which lets `npm start` skip a build that is
// current (scripts/lib/buildStamp.mjs).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildInputsHash, removeStamp, writeStamp } from './lib/buildStamp.mjs';
import { packageBin, runNode } from './lib/run.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Hashed before building: a source edited while the build runs leaves a stamp that no longer matches.
const inputsHash = buildInputsHash(repoRoot);
removeStamp(repoRoot);
const steps = [[packageBin(repoRoot, 'vite'), 'build'], [path.join(repoRoot, 'scripts/build-server.mjs')]];
for (const args of steps) {
  const code = await runNode(args, { cwd: repoRoot });
  if (code !== 0) process.exit(code);
}
writeStamp(repoRoot, inputsHash);
