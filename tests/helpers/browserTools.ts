// Where the browser tests find their tools on Windows, macOS and Linux: a Chromium-based browser (Chromium,
// Chrome or Edge; playwright-core drives any of them, and never downloads one here) and pdftoppm (Poppler), which
// turns the printed agreement into PNG pages. Pure functions over an injected system (environment, platform, a
// file test), so the lookup is tested with a fake file system (tests/unit/browserTools.test.ts).
import path from 'node:path';

export interface ToolSystem {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  /** Whether an executable file exists at this absolute path. */
  readonly isExecutable: (file: string) => boolean;
  /** Whether this is Debian (or a derivative) and the process runs as root, so it may apt-get install. */
  readonly debianRoot: boolean;
}

export type Lookup =
  | { readonly found: true; readonly path: string }
  /**
   * `reason` is part of the one line that tells a person what to do; `namedBy` is the environment variable that
   * named a missing file (then nothing is installed in its place).
   */
  | { readonly found: false; readonly reason: string; readonly namedBy?: string };

/** Debian's Chromium: the browser the suite is written against, and the one CI installs. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Environment variables naming a browser, in order. CHROME_PATH is the older name, still honoured. */
const BROWSER_ENV = ['CHROMIUM_PATH', 'CHROME_PATH'] as const;

/** Windows keeps environment names case-insensitive (`Path`, `ProgramFiles(x86)`); a plain object does not. */
function envValue(system: ToolSystem, name: string): string | undefined {
  if (system.platform !== 'win32') return system.env[name] || undefined;
  const key = Object.keys(system.env).find((k) => k.toLowerCase() === name.toLowerCase());
  return (key && system.env[key]) || undefined;
}

const pathApi = (system: ToolSystem) => (system.platform === 'win32' ? path.win32 : path.posix);

/** Every PATH entry joined with each of `names`, in PATH order. */
function onPath(system: ToolSystem, names: readonly string[]): string[] {
  const separator = system.platform === 'win32' ? ';' : ':';
  const dirs = (envValue(system, 'PATH') ?? '').split(separator).filter(Boolean);
  return dirs.flatMap((dir) => names.map((name) => pathApi(system).join(dir, name)));
}

/** The places a browser is usually installed on this platform, most specific first (after Debian's). */
export function chromiumCandidates(system: ToolSystem): string[] {
  const join = pathApi(system).join;
  switch (system.platform) {
    case 'win32': {
      const roots = ['LOCALAPPDATA', 'ProgramFiles', 'ProgramFiles(x86)']
        .map((name) => envValue(system, name))
        .filter((root): root is string => root !== undefined);
      const installs = [
        ['Chromium', 'Application', 'chrome.exe'],
        ['Google', 'Chrome', 'Application', 'chrome.exe'],
        ['Microsoft', 'Edge', 'Application', 'msedge.exe'],
      ];
      return [
        ...installs.flatMap((parts) => roots.map((root) => join(root, ...parts))),
        ...onPath(system, ['chrome.exe', 'msedge.exe']),
      ];
    }
    case 'darwin': {
      const apps = [
        'Chromium.app/Contents/MacOS/Chromium',
        'Google Chrome.app/Contents/MacOS/Google Chrome',
        'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      ];
      const home = envValue(system, 'HOME');
      const dirs = ['/Applications', ...(home ? [join(home, 'Applications')] : [])];
      return dirs.flatMap((dir) => apps.map((app) => join(dir, app)));
    }
    default:
      return [
        ...onPath(system, [
          'chromium',
          'chromium-browser',
          'google-chrome-stable',
          'google-chrome',
          'microsoft-edge',
        ]),
        '/snap/bin/chromium',
        '/opt/google/chrome/chrome',
        '/opt/microsoft/msedge/msedge',
      ];
  }
}

/**
 * The browser for the tests: CHROMIUM_PATH (or CHROME_PATH) when set, else Debian's Chromium, else the first
 * usual install place that holds one. A variable naming a missing file is an error, not a reason to look
 * elsewhere: the person meant that browser.
 */
export function findChromium(system: ToolSystem): Lookup {
  for (const name of BROWSER_ENV) {
    const file = envValue(system, name);
    if (file === undefined) continue;
    return system.isExecutable(file)
      ? { found: true, path: file }
      : { found: false, reason: `${name}=${file} is not an executable file`, namedBy: name };
  }
  const candidates = [DEBIAN_CHROMIUM, ...chromiumCandidates(system)];
  const file = candidates.find((candidate) => system.isExecutable(candidate));
  return file ? { found: true, path: file } : { found: false, reason: 'no Chromium, Chrome or Edge found' };
}

export function findPdftoppm(system: ToolSystem): Lookup {
  const name = system.platform === 'win32' ? 'pdftoppm.exe' : 'pdftoppm';
  const extra = system.platform === 'darwin' ? ['/opt/homebrew/bin/pdftoppm', '/usr/local/bin/pdftoppm'] : [];
  const file = [...onPath(system, [name]), ...extra].find((candidate) => system.isExecutable(candidate));
  return file ? { found: true, path: file } : { found: false, reason: 'no pdftoppm on PATH' };
}

/**
 * The Debian packages that provide what is missing (as .ci/run installs them). A browser named by CHROMIUM_PATH
 * is the person's to correct: Debian's Chromium installed beside it would still not be used.
 */
export function debianPackages(chromium: Lookup, pdftoppm: Lookup): string[] {
  const browser = chromium.found || chromium.namedBy ? [] : ['chromium', 'fonts-dejavu-core'];
  return [...browser, ...(pdftoppm.found ? [] : ['poppler-utils'])];
}

/** What to install on this platform, as one line; null when nothing is missing. */
export function missingToolsLine(system: ToolSystem, chromium: Lookup, pdftoppm: Lookup): string | null {
  const problems = [chromium, pdftoppm].flatMap((lookup) => (lookup.found ? [] : [lookup.reason]));
  if (problems.length === 0) return null;
  const browser = 'set CHROMIUM_PATH to a Chromium, Chrome or Edge';
  const install: Partial<Record<NodeJS.Platform, { browser: string; pdftoppm: string }>> = {
    win32: {
      browser: `install Google Chrome or Microsoft Edge, or ${browser}`,
      pdftoppm: 'install Poppler for Windows and put its bin folder on PATH',
    },
    darwin: { browser: `install Chromium or Google Chrome, or ${browser}`, pdftoppm: 'brew install poppler' },
  };
  const steps = install[system.platform] ?? {
    browser: `sudo apt-get install chromium (other Linux: its Chromium package), or ${browser}`,
    pdftoppm: 'sudo apt-get install poppler-utils (other Linux: its poppler package)',
  };
  const browserStep = chromium.found
    ? []
    : [
        chromium.namedBy
          ? `point ${chromium.namedBy} at a Chromium, Chrome or Edge, or unset it`
          : steps.browser,
      ];
  const todo = [...browserStep, ...(pdftoppm.found ? [] : [steps.pdftoppm])];
  return `Browser tests cannot run (${problems.join('; ')}): ${todo.join('; ')}.`;
}
