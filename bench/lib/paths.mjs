import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = path.resolve(benchDir, '..');

/** True when `npm --prefix bench install` has run: the anchors' packages are only there. */
export const anchorsInstalled = () =>
  fs.existsSync(path.join(benchDir, 'node_modules/@hocuspocus/server/package.json')) &&
  fs.existsSync(path.join(benchDir, 'node_modules/@y/websocket-server/package.json'));
