import { spawnSync } from 'node:child_process';

/** Debian's Chromium with the tests' flags (tests/helpers/browser.ts), never a downloaded browser. */
async function chromiumSetup() {
  return import('../../tests/helpers/browser.ts');
}

export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const { CHROMIUM_PATH, CHROMIUM_ARGS } = await chromiumSetup();
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** The version line Chromium prints, for the machine facts at the top of a report. */
export async function chromiumVersion() {
  const { CHROMIUM_PATH } = await chromiumSetup();
  const result = spawnSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8' });
  return result.stdout.trim().split('\n').at(-1) ?? 'unknown';
}
