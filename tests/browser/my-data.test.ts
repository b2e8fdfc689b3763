import fs from 'node:fs/promises';
import path from 'node:path';
import { MyDataResponse } from '@common-ground/shared/api';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser, seriousA11yViolations } from '../helpers/browser';
import { createBoard, createInviteLink, joinAsNewPartner, proposeGoal } from '../helpers/browserFlows';
import { sideOverflow } from '../helpers/screenChecks';
import { startTestServer, type TestServer } from '../helpers/server';

// Needs the built client: `npm run test:browser` builds first.
const RESULTS = path.resolve('test-results');
const PHONE = { width: 360, height: 640 };
const LAPTOP = { width: 1280, height: 800 };

describe('"Meine Daten": a participant downloads what the board stores about them', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const browser = async (viewport: { width: number; height: number }): Promise<BrowserSession> => {
    const session = await launchBrowser({ viewport });
    cleanups.push(() => session.close());
    return session;
  };
  const shot = async (page: Page, name: string, fullPage = false) => {
    await fs.mkdir(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, `my-data-${name}.png`), fullPage });
  };
  const openDialog = async (page: Page) => {
    await page.getByTestId('my-data-open').click();
    const dialog = page.getByTestId('my-data-dialog');
    await dialog.getByTestId('my-data-readable').waitFor();
    return dialog;
  };

  it('opens the readable version and downloads the JSON, on a phone and a laptop, and nobody else is in it', async () => {
    const s: TestServer = await startTestServer();
    cleanups.push(() => s.close());
    const laptop = await browser(LAPTOP);
    const phone = await browser(PHONE);
    await createBoard(laptop.page, s.url, 'Stadtteilrunde am Park', 'Maria Schulz');
    await joinAsNewPartner(
      phone.page,
      await createInviteLink(laptop.page),
      'Ayşe Demir',
      { name: 'Nachbarschaftsinitiative', kind: 'residents' },
      laptop.page,
    );
    await proposeGoal(phone.page, 'Spielplatz sanieren', 'Neue Schaukeln');

    // On the phone: the entry sits in the board's footer beside the privacy notice; its dialog fits.
    const page = phone.page;
    await page.getByTestId('board-footer').scrollIntoViewIfNeeded();
    await shot(page, 'phone-footer-de');
    const dialog = await openDialog(page);
    expect(await dialog.textContent()).toContain('Andere Personen stehen nicht darin');
    expect(await sideOverflow(page)).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'phone-dialog-de');

    // The readable version opens in a tab of its own, in the person's language.
    const [tab] = await Promise.all([
      page.context().waitForEvent('page'),
      dialog.getByTestId('my-data-readable').click(),
    ]);
    await tab.waitForLoadState();
    const readable = (await tab.textContent('body')) ?? '';
    expect(await tab.locator('h1').textContent()).toBe('Meine Daten: Stadtteilrunde am Park');
    expect(await tab.evaluate(() => document.documentElement.lang)).toBe('de-DE');
    expect(readable).toContain('Name: Ayşe Demir');
    expect(readable).toContain('Spielplatz sanieren');
    expect(readable).not.toContain('Maria Schulz');
    await shot(tab, 'phone-readable-de', true);
    await tab.close();

    // The JSON arrives as a file; the facilitator's name is not in it.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByTestId('my-data-json').click(),
    ]);
    const file = await download.path();
    const json = await fs.readFile(file, 'utf8');
    const data = MyDataResponse.parse(JSON.parse(json));
    expect(data.person.name).toBe('Ayşe Demir');
    expect(data.goalsProposed.map((g) => g.goalTitle)).toEqual(['Spielplatz sanieren']);
    expect(json).not.toContain('Maria Schulz');
    expect(phone.errors).toEqual([]);

    // The facilitator on the laptop: the same entry, their own data.
    const dialogF = await openDialog(laptop.page);
    await shot(laptop.page, 'laptop-dialog-de');
    expect(await dialogF.textContent()).toContain('Lesbare Fassung öffnen');
    expect(laptop.errors).toEqual([]);
  });

  it('speaks the person’s language, right to left in Arabic', async () => {
    const s: TestServer = await startTestServer();
    cleanups.push(() => s.close());
    const laptop = await browser(LAPTOP);
    const phone = await launchBrowser({ viewport: PHONE, locale: 'ar' });
    cleanups.push(() => phone.close());
    await createBoard(laptop.page, s.url, 'Stadtteilrunde am Park', 'Maria Schulz');
    await joinAsNewPartner(
      phone.page,
      await createInviteLink(laptop.page),
      'Leyla',
      { name: 'Elternverein', kind: 'residents' },
      laptop.page,
    );

    const dialog = await openDialog(phone.page);
    expect(await phone.page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await dialog.textContent()).toContain('تنزيل بياناتي');
    expect(await sideOverflow(phone.page)).toEqual([]);
    await shot(phone.page, 'phone-dialog-ar');
    const [tab] = await Promise.all([
      phone.context.waitForEvent('page'),
      dialog.getByTestId('my-data-readable').click(),
    ]);
    await tab.waitForLoadState();
    const readable = (await tab.textContent('body')) ?? '';
    expect(readable).toContain('بياناتي');
    expect(await tab.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(readable).toContain('Leyla');
    await shot(tab, 'phone-readable-ar', true);
    expect(readable).not.toContain('Maria Schulz');
    expect(phone.errors).toEqual([]);
  });
});
