// `npm run dev`: the server (restarted on change by tsx watch) and Vite's dev server with hot reload.
// Both tools run as `node <their script>`, not through npx: Windows cannot spawn npx (a .cmd file) without a shell.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageBin } from './lib/run.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const node = (args) => spawn(process.execPath, args, { stdio: 'inherit', cwd: repoRoot });
const children = [
  node([packageBin(repoRoot, 'tsx'), 'watch', 'server/src/main.ts']),
  node([packageBin(repoRoot, 'vite')]),
];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', (code) => code && process.exit(code));
