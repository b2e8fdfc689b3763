// The browser tests' tools on this machine (tests/helpers/browserTools.ts), installed when that is possible:
// Debian packages when running as root on Debian, as .ci/run does. Otherwise the one line saying what to install.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import {
  debianPackages,
  findChromium,
  findPdftoppm,
  type Lookup,
  missingToolsLine,
  type ToolSystem,
} from './browserTools';

const APT_GET = '/usr/bin/apt-get';

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    // Windows has no execute bit: a file there is as runnable as its extension makes it.
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function thisSystem(): ToolSystem {
  return {
    env: process.env,
    platform: process.platform,
    isExecutable,
    debianRoot: process.getuid?.() === 0 && fs.existsSync('/etc/debian_version') && isExecutable(APT_GET),
  };
}

function lookUp(system: ToolSystem): { chromium: Lookup; pdftoppm: Lookup } {
  return { chromium: findChromium(system), pdftoppm: findPdftoppm(system) };
}

function aptGet(args: string[]): boolean {
  const result = spawnSync(APT_GET, args, {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

/**
 * Makes sure Chromium and pdftoppm are there, installing Debian's packages if it may. Returns null when the
 * browser tests can run, else the one line that says what to install.
 */
export function ensureBrowserTools(system: ToolSystem = thisSystem()): string | null {
  let tools = lookUp(system);
  const packages = debianPackages(tools.chromium, tools.pdftoppm);
  if (system.debianRoot && packages.length > 0) {
    console.log(`Installing Debian packages for the browser tests: ${packages.join(' ')}`);
    if (aptGet(['update', '-qq'])) aptGet(['install', '-y', '-qq', ...packages]);
    tools = lookUp(system);
  }
  return missingToolsLine(system, tools.chromium, tools.pdftoppm);
}
