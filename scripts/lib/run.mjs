// Runs a node script as a child with this terminal's stdio, the same on Windows, macOS and Linux: the command is
// this very node binary (process.execPath), never a shell, so no shell syntax is involved.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Runs `node <args…>`; resolves with its exit code (1 when it was ended by a signal). */
export function runNode(args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
}

/** The script file behind a package's command-line tool (what node_modules/.bin/<name> would run). */
export function packageBin(root, packageName, binName = packageName) {
  const require = createRequire(path.join(root, 'package.json'));
  const manifestPath = require.resolve(`${packageName}/package.json`);
  const { bin } = require(manifestPath);
  const file = typeof bin === 'string' ? bin : bin?.[binName];
  if (!file) throw new Error(`${packageName} has no command ${binName}`);
  return path.join(path.dirname(manifestPath), file);
}
