// Where the browser tests look for Chromium and pdftoppm on each platform, over a fake file system.
import { describe, expect, it } from 'vitest';
import {
  debianPackages,
  findChromium,
  findPdftoppm,
  missingToolsLine,
  type ToolSystem,
} from '../helpers/browserTools';

function fakeSystem(
  platform: NodeJS.Platform,
  files: readonly string[],
  env: Record<string, string> = {},
): ToolSystem {
  const present = new Set(files);
  return { env, platform, isExecutable: (file) => present.has(file), debianRoot: false };
}

describe('findChromium', () => {
  it('takes CHROMIUM_PATH first, then the older CHROME_PATH, over anything installed', () => {
    const files = ['/usr/bin/chromium', '/opt/chrome', '/opt/old'];
    expect(
      findChromium(fakeSystem('linux', files, { CHROMIUM_PATH: '/opt/chrome', CHROME_PATH: '/opt/old' })),
    ).toEqual({ found: true, path: '/opt/chrome' });
    expect(findChromium(fakeSystem('linux', files, { CHROME_PATH: '/opt/old' }))).toEqual({
      found: true,
      path: '/opt/old',
    });
  });

  it('reports a CHROMIUM_PATH that names no file instead of quietly using another browser', () => {
    const lookup = findChromium(
      fakeSystem('linux', ['/usr/bin/chromium'], { CHROMIUM_PATH: '/nope/chrome' }),
    );
    expect(lookup).toEqual({
      found: false,
      reason: 'CHROMIUM_PATH=/nope/chrome is not an executable file',
      namedBy: 'CHROMIUM_PATH',
    });
    // Installing Debian's Chromium would not help: the variable still points elsewhere.
    const pdftoppm = { found: true, path: '/usr/bin/pdftoppm' } as const;
    expect(debianPackages(lookup, pdftoppm)).toEqual([]);
    expect(missingToolsLine(fakeSystem('linux', []), lookup, pdftoppm)).toBe(
      'Browser tests cannot run (CHROMIUM_PATH=/nope/chrome is not an executable file): point CHROMIUM_PATH at a ' +
        'Chromium, Chrome or Edge, or unset it.',
    );
  });

  it("prefers Debian's Chromium to other browsers on Linux", () => {
    const system = fakeSystem('linux', ['/usr/bin/google-chrome', '/usr/bin/chromium'], {
      PATH: '/usr/bin:/bin',
    });
    expect(findChromium(system)).toEqual({ found: true, path: '/usr/bin/chromium' });
  });

  it('finds Chrome or Chromium on PATH, snap and /opt on other Linux systems', () => {
    const path = { PATH: '/home/a/.nix-profile/bin:/usr/bin' };
    expect(findChromium(fakeSystem('linux', ['/usr/bin/google-chrome-stable'], path))).toEqual({
      found: true,
      path: '/usr/bin/google-chrome-stable',
    });
    expect(findChromium(fakeSystem('linux', ['/home/a/.nix-profile/bin/chromium'], path))).toEqual({
      found: true,
      path: '/home/a/.nix-profile/bin/chromium',
    });
    expect(findChromium(fakeSystem('linux', ['/snap/bin/chromium'], path))).toEqual({
      found: true,
      path: '/snap/bin/chromium',
    });
  });

  it('finds the macOS app bundles, in /Applications or the home folder', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findChromium(fakeSystem('darwin', [chrome]))).toEqual({ found: true, path: chrome });
    const edge = '/Users/a/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge';
    expect(findChromium(fakeSystem('darwin', [edge], { HOME: '/Users/a' }))).toEqual({
      found: true,
      path: edge,
    });
  });

  it('finds chrome.exe and msedge.exe on Windows, whatever the case of the variable names', () => {
    const env = {
      LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local',
      ProgramFiles: 'C:\\Program Files',
      'PROGRAMFILES(X86)': 'C:\\Program Files (x86)',
      Path: 'C:\\Windows\\system32;D:\\tools',
    };
    const chrome = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
    expect(findChromium(fakeSystem('win32', [chrome], env))).toEqual({ found: true, path: chrome });
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    expect(findChromium(fakeSystem('win32', [edge], env))).toEqual({ found: true, path: edge });
    const userChrome = 'C:\\Users\\a\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe';
    expect(findChromium(fakeSystem('win32', [userChrome, chrome], env))).toEqual({
      found: true,
      path: userChrome,
    });
    expect(findChromium(fakeSystem('win32', ['D:\\tools\\chrome.exe'], env))).toEqual({
      found: true,
      path: 'D:\\tools\\chrome.exe',
    });
  });

  it('finds nothing on a machine without a browser', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(findChromium(fakeSystem(platform, [], { PATH: '/usr/bin' }))).toEqual({
        found: false,
        reason: 'no Chromium, Chrome or Edge found',
      });
    }
  });
});

describe('findPdftoppm', () => {
  it('looks on PATH (pdftoppm.exe on Windows) and in Homebrew on macOS', () => {
    expect(findPdftoppm(fakeSystem('linux', ['/usr/bin/pdftoppm'], { PATH: '/bin:/usr/bin' }))).toEqual({
      found: true,
      path: '/usr/bin/pdftoppm',
    });
    expect(
      findPdftoppm(fakeSystem('win32', ['D:\\poppler\\bin\\pdftoppm.exe'], { PATH: 'D:\\poppler\\bin' })),
    ).toEqual({ found: true, path: 'D:\\poppler\\bin\\pdftoppm.exe' });
    expect(findPdftoppm(fakeSystem('darwin', ['/opt/homebrew/bin/pdftoppm'], { PATH: '/usr/bin' }))).toEqual({
      found: true,
      path: '/opt/homebrew/bin/pdftoppm',
    });
    expect(findPdftoppm(fakeSystem('linux', [], { PATH: '/usr/bin' }))).toEqual({
      found: false,
      reason: 'no pdftoppm on PATH',
    });
  });
});

describe('what to install', () => {
  const none = { found: false, reason: 'no Chromium, Chrome or Edge found' } as const;
  const noPdf = { found: false, reason: 'no pdftoppm on PATH' } as const;
  const ok = { found: true, path: '/x' } as const;

  it("names Debian's packages for what is missing, as .ci/run installs them", () => {
    expect(debianPackages(none, noPdf)).toEqual(['chromium', 'fonts-dejavu-core', 'poppler-utils']);
    expect(debianPackages(ok, noPdf)).toEqual(['poppler-utils']);
    expect(debianPackages(ok, ok)).toEqual([]);
  });

  it('says it in one line per platform, naming only what is missing', () => {
    const linux = fakeSystem('linux', []);
    expect(missingToolsLine(linux, ok, ok)).toBeNull();
    const both = missingToolsLine(linux, none, noPdf) ?? '';
    expect(both).not.toContain('\n');
    expect(both).toContain('apt-get install chromium');
    expect(both).toContain('apt-get install poppler-utils');
    expect(missingToolsLine(linux, ok, noPdf)).not.toContain('chromium');
    expect(missingToolsLine(fakeSystem('darwin', []), none, ok)).toContain(
      'install Chromium or Google Chrome',
    );
    expect(missingToolsLine(fakeSystem('darwin', []), ok, noPdf)).toContain('brew install poppler');
    const windows = missingToolsLine(fakeSystem('win32', []), none, noPdf) ?? '';
    expect(windows).toContain('install Google Chrome or Microsoft Edge');
    expect(windows).toContain('Poppler for Windows');
    expect(windows).not.toContain('apt-get');
  });
});
