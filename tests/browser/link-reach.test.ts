import fs from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../server/src/lan/roundTable';
import { type BrowserSession, launchBrowser, seriousA11yViolations } from '../helpers/browser';
import { createBoard } from '../helpers/browserFlows';
import { decodeQr } from '../helpers/qrDecode';
import { makeDataDir, startTestServer, type TestServer } from '../helpers/server';

// Needs the built client: `npm run test:browser` builds first.
const RESULTS = path.resolve('test-results');
/** A name for the laptop in the venue's network; Chromium resolves it to this machine. */
const LAN_NAME = 'tisch.test';

/** Nothing of the element is cut: its content fits its box. */
const fits = (locator: Locator) =>
  locator.evaluate((el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight);

async function openInvites(page: Page) {
  await page.getByTestId('invite-button').click();
  const dialog = page.getByTestId('invite-dialog');
  await dialog.locator('[data-link-reach]:not([data-link-reach=unknown])').waitFor();
  return dialog;
}

async function openProjector(facilitator: BrowserSession) {
  const projector = await facilitator.context.newPage();
  await projector.setViewportSize({ width: 1920, height: 1080 });
  await projector.goto(`${facilitator.page.url()}/present`);
  await projector.getByTestId('present-join-url').waitFor();
  return projector;
}

describe('links a phone cannot open are called so, where they are handed out', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const start = async (config: Parameters<typeof startTestServer>[0]): Promise<TestServer> => {
    const server = await startTestServer(config);
    cleanups.push(() => server.close());
    return server;
  };
  const browser = async (options: Parameters<typeof launchBrowser>[0]): Promise<BrowserSession> => {
    const session = await launchBrowser(options);
    cleanups.push(() => session.close());
    return session;
  };

  it('warns in the invite dialog and on the projector when links point at 127.0.0.1', async () => {
    await fs.mkdir(RESULTS, { recursive: true });
    const server = await start({});
    const facilitator = await browser({ viewport: { width: 360, height: 640 } });
    const page = facilitator.page;
    await createBoard(page, server.url, 'Runder Tisch Südstadt', 'Maria Schulz');

    const dialog = await openInvites(page);
    const warning = dialog.getByTestId('links-loopback');
    expect(await warning.textContent()).toContain('Handys können diese Links nicht öffnen');
    expect(await warning.locator('code').textContent()).toBe('npm run round-table');
    expect(await fits(warning)).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await warning.screenshot({ path: path.join(RESULTS, 'link-reach-invite-warning-360x640.png') });
    await page.screenshot({ path: path.join(RESULTS, 'link-reach-invite-dialog-360x640.png') });
    await page.keyboard.press('Escape');

    const projector = await openProjector(facilitator);
    const projected = projector.getByTestId('present-join').getByTestId('links-loopback');
    expect(await projected.textContent()).toContain('Handys können diesen QR-Code nicht öffnen');
    expect(await fits(projected)).toBe(true);
    expect(
      await projected.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize)),
    ).toBeGreaterThanOrEqual(28);
    await projector.screenshot({ path: path.join(RESULTS, 'link-reach-projector-1920x1080.png') });
    await projector.setViewportSize({ width: 1280, height: 720 });
    expect(await fits(projected)).toBe(true);
    await projector.screenshot({ path: path.join(RESULTS, 'link-reach-projector-1280x720.png') });
    expect(facilitator.errors).toEqual([]);
  });

  it('hands out the LAN address without a warning when PUBLIC_URL names one, and a phone opens it', async () => {
    const port = await freePort('127.0.0.1');
    const origin = `http://${LAN_NAME}:${port}`;
    const server = await start({ config: { port, publicUrl: origin } });
    const resolver = `--host-resolver-rules=MAP ${LAN_NAME} 127.0.0.1`;
    const facilitator = await browser({ args: [resolver] });
    const page = facilitator.page;
    // The laptop itself keeps opening 127.0.0.1 (a secure context, its boards remembered there).
    await createBoard(page, server.url, 'Runder Tisch Südstadt', 'Maria Schulz');

    const dialog = await openInvites(page);
    expect(await dialog.getByTestId('links-loopback').count()).toBe(0);
    const section = dialog.getByTestId('invite-partner');
    await section.getByTestId('invite-create').click();
    const url = await section.getByTestId('invite-url').inputValue();
    expect(url.startsWith(`${origin}/join/`)).toBe(true);
    // The code itself, as a phone's camera reads it.
    expect(await decodeQr(section.locator('svg[data-url]'))).toBe(url);
    await page.keyboard.press('Escape');

    const projector = await openProjector(facilitator);
    const corner = projector.getByTestId('present-join');
    const projectedUrl = `http://${await corner.getByTestId('present-join-url').textContent()}`;
    expect(projectedUrl.startsWith(`${origin}/join/`)).toBe(true);
    expect(await decodeQr(corner.locator('svg[data-url]'))).toBe(projectedUrl);
    expect(await corner.getByTestId('links-loopback').count()).toBe(0);

    // A phone in the same network opens the projected link by the laptop's LAN name.
    const phone = await browser({ viewport: { width: 360, height: 640 }, args: [resolver] });
    await phone.page.goto(projectedUrl);
    await phone.page.getByTestId('join-name').waitFor();
    expect(await phone.page.evaluate(() => window.isSecureContext)).toBe(false);
    expect([...facilitator.errors, ...phone.errors]).toEqual([]);
  });

  it('makes a remembered projector link to 127.0.0.1 again once the server hands out LAN links', async () => {
    const port = await freePort('127.0.0.1');
    const dataDir = await makeDataDir();
    cleanups.push(() => fs.rm(dataDir, { recursive: true, force: true }));
    const first = await startTestServer({ dataDir, config: { port } });
    cleanups.push(() => first.close({ keepData: true }));
    const facilitator = await browser({});
    await createBoard(facilitator.page, first.url, 'Runder Tisch Südstadt', 'Maria Schulz');
    const before = await openProjector(facilitator);
    await before.getByTestId('present-join').getByTestId('links-loopback').waitFor();
    await before.close();

    // Restarted in round-table mode on the same port and data.
    await first.close({ keepData: true });
    await start({ dataDir, config: { port, publicUrl: `http://${LAN_NAME}:${port}` } });
    const after = await openProjector(facilitator);
    await expect
      .poll(() => after.getByTestId('present-join-url').textContent())
      .toMatch(new RegExp(`^${LAN_NAME}:${port}/join/`));
    expect(await after.getByTestId('present-join').getByTestId('links-loopback').count()).toBe(0);
  });
});
