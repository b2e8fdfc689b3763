import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import standard from '../../client/src/i18n/messages/de.json';
import simple from '../../client/src/i18n/messages/de-simple.json';
import { type BrowserSession, launchBrowser, seriousA11yViolations } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';
import { plainText } from '../helpers/softHyphens';

// Needs the built client: `npm run build` first.
const RESULTS = path.resolve('test-results');

/** The Einfache-Sprache catalogue overrides only some keys; the test reads both so a rewording never breaks it. */
const rewritten = (key: keyof typeof simple): string => simple[key];

describe('Einfache Sprache ("Deutsch – einfach")', () => {
  let server: TestServer;
  let phone: BrowserSession;

  beforeAll(async () => {
    await fs.mkdir(RESULTS, { recursive: true });
    server = await startTestServer();
    phone = await launchBrowser({ viewport: { width: 360, height: 640 }, locale: 'de-DE' });
  });

  afterAll(async () => {
    await phone?.close();
    await server?.close();
  });

  it('rewrites explanations, keeps other labels German, and stays chosen after a reload', async () => {
    // The test is only meaningful if the two versions differ and the label has no override.
    expect(rewritten('landing.explain1')).not.toBe(standard['landing.explain1']);
    expect('landing.create' in simple).toBe(false);
    expect('goal.propose' in simple).toBe(false);

    const page = phone.page;
    await page.goto(`${server.url}/`);
    const intro = page.locator('.landing-intro p').nth(1);
    await expect.poll(() => plainText(intro)).toBe(standard['landing.explain1']);

    await page.getByTestId('language-select').selectOption('de-simple');
    await expect.poll(() => plainText(intro)).toBe(rewritten('landing.explain1'));
    // A label Einfache Sprache does not override is the standard German one.
    await expect.poll(() => plainText(page.getByTestId('create-board'))).toBe(standard['landing.create']);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
    expect(await page.evaluate(() => localStorage.getItem('common-ground.locale'))).toBe('de-simple');
    await page.screenshot({ path: path.join(RESULTS, 'simple-landing-360x640.png'), fullPage: true });

    // A board in Einfache Sprache: the process step and the column explanations are rewritten.
    await page.getByTestId('board-title-input').fill('Runder Tisch Südstadt 2027');
    await page.getByTestId('your-name-input').fill('Maria Schulz');
    await page.getByTestId('create-board').click();
    await page.locator('[data-testid=connection-status][data-status=live]').waitFor();

    const stepper = page.getByTestId('process-stepper');
    await expect.poll(() => stepper.getAttribute('data-phase')).toBe('inventory');
    const explain = page.getByTestId('process-explain');
    if (await explain.isHidden()) await page.getByTestId('process-expand').click();
    await explain.waitFor();
    await expect.poll(() => plainText(explain)).toContain(rewritten('process.purpose.inventory'));
    expect(await plainText(explain)).toContain(rewritten('process.moveHint'));
    expect(await plainText(explain)).not.toContain(standard['process.purpose.inventory']);

    const proposed = page.getByTestId('column-proposed');
    await expect
      .poll(() => plainText(proposed.locator('.column-hint')))
      .toBe(rewritten('stageHint.proposed'));
    await expect
      .poll(() => plainText(page.getByTestId('propose-goal').first()))
      .toContain(standard['goal.propose']);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(RESULTS, 'simple-board-360x640.png'), fullPage: true });

    // The choice is stored on the device: after a reload the board speaks Einfache Sprache again.
    await page.reload();
    await page.locator('[data-testid=connection-status][data-status=live]').waitFor();
    expect(await page.getByTestId('language-select').inputValue()).toBe('de-simple');
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    await expect
      .poll(() => plainText(page.getByTestId('column-proposed').locator('.column-hint')))
      .toBe(rewritten('stageHint.proposed'));

    // Back to standard German: the explanation returns to its standard wording.
    await page.getByTestId('language-select').selectOption('de');
    await expect
      .poll(() => plainText(page.getByTestId('column-proposed').locator('.column-hint')))
      .toBe(standard['stageHint.proposed']);
    // The same board in standard German, to compare the layout of both wordings.
    await page.screenshot({ path: path.join(RESULTS, 'simple-board-standard-360x640.png'), fullPage: true });
    expect(phone.errors).toEqual([]);
  });
});
