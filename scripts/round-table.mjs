// `npm run round-table [-- <address>]`: `npm start` in round-table mode (ROUND_TABLE=1): the server listens on
// the local network and puts the laptop's LAN address (or <address>) into invite links and the projector's QR
// code, and prints that address with a QR code (server/src/lan/roundTable.ts).
// Plain node instead of `ROUND_TABLE=1 npm start`, which cmd and PowerShell reject.
import { spawn } from 'node:child_process';

const [address, ...rest] = process.argv.slice(2);
if (rest.length > 0 || address?.startsWith('-')) {
  console.error('usage: npm run round-table [-- <the LAN address to use, e.g. 192.168.1.20>]');
  process.exit(2);
}
// Set by npm (and pnpm, yarn) for the scripts it runs: its own command line, runnable with this node.
const npm = process.env.npm_execpath;
if (!npm) {
  console.error('Start it with `npm run round-table`.');
  process.exit(2);
}

const start = spawn(process.execPath, [npm, 'start'], {
  stdio: 'inherit',
  env: { ...process.env, ROUND_TABLE: '1', ...(address ? { ROUND_TABLE_ADDRESS: address } : {}) },
});
// As in scripts/start.mjs: a signal sent to this process alone must reach the server too.
process.on('SIGINT', () => start.kill('SIGINT'));
process.on('SIGTERM', () => start.kill('SIGTERM'));
process.on('SIGHUP', () => start.kill('SIGTERM'));
start.on('error', (error) => {
  console.error(`Could not start the server: ${error.message}`);
  process.exit(1);
});
start.on('close', (code) => process.exit(code ?? 1));
