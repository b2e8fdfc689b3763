import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import axe from 'axe-core';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { thisSystem } from './browserPrerequisites';
import { DEBIAN_CHROMIUM, findChromium } from './browserTools';

/**
 * CHROMIUM_PATH, else Debian's Chromium, else a Chromium, Chrome or Edge installed in the usual place
 * (tests/helpers/browserTools.ts); never a downloaded browser. The benchmark's client measurement launches the
 * same one. Without any, Debian's path, so that the launch error names it.
 */
const lookup = findChromium(thisSystem());
export const CHROMIUM_PATH = lookup.found ? lookup.path : DEBIAN_CHROMIUM;
/** Without the background-networking flags Chromium keeps dialling out and this machine's closed network refuses it. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserSession {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Page errors and console errors seen so far; a test can assert there were none. */
  readonly errors: string[];
  close(): Promise<void>;
}

export interface BrowserOptions {
  readonly viewport?: { width: number; height: number };
  readonly locale?: string;
  /** More Chromium flags, e.g. `--host-resolver-rules=MAP tisch.test 127.0.0.1` for a LAN name in a test. */
  readonly args?: readonly string[];
}

/**
 * Debian's Chromium in its own profile (so two sessions are two separate devices with their own localStorage).
 * Never downloads a browser.
 */
export async function launchBrowser(options: BrowserOptions = {}): Promise<BrowserSession> {
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'common-ground-browser-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
    viewport: options.viewport ?? { width: 1280, height: 800 },
    locale: options.locale ?? 'de-DE',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return {
    context,
    page,
    errors,
    close: async () => {
      await context.close();
      await fs.rm(profile, { recursive: true, force: true });
    },
  };
}

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: string[];
}

/** Runs axe-core in the page and returns the serious and critical violations (WCAG 2.x A/AA rules). */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.evaluate(axe.source);
  const results = await page.evaluate(async () => {
    const injected = (window as unknown as { axe: typeof axe }).axe;
    const result = await injected.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return results.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
