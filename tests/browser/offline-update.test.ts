import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser } from '../helpers/browser';
import { serviceWorkerControls } from '../helpers/offlineBrowser';
import { startTestServer, type TestServer } from '../helpers/server';

// Needs the built client: `npm run test:browser` builds first. A copy of it stands in for a deployment.
describe('installable app: manifest, and a new version without a stale mix', () => {
  let server: TestServer;
  let browser: BrowserSession;
  let staticDir: string;

  beforeAll(async () => {
    staticDir = await fs.mkdtemp(path.join(os.tmpdir(), 'common-ground-static-'));
    await fs.cp(path.resolve('dist/client'), staticDir, { recursive: true });
    server = await startTestServer({ config: { staticDir } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await fs.rm(staticDir, { recursive: true, force: true });
  });

  const cacheNames = () => browser.page.evaluate(() => caches.keys());

  it('serves the manifest and the worker, offers a new version and drops the old cache', async () => {
    const page = browser.page;
    const manifest = await (await fetch(`${server.url}/manifest.webmanifest`)).json();
    expect(manifest).toMatchObject({ lang: 'de', start_url: '/', display: 'standalone' });
    expect(
      manifest.icons.map((icon: { purpose: string; sizes: string }) => `${icon.purpose} ${icon.sizes}`),
    ).toEqual(expect.arrayContaining(['maskable 192x192', 'maskable 512x512', 'any 512x512']));
    const sw = await fetch(`${server.url}/sw.js`);
    expect(sw.headers.get('cache-control')).toBe('no-cache');

    await page.goto(`${server.url}/`);
    await serviceWorkerControls(page);
    const [oldCache] = await cacheNames();
    expect(oldCache).toMatch(/^common-ground-shell-/);

    // A deployment: same files, a new worker version.
    const file = path.join(staticDir, 'sw.js');
    const source = await fs.readFile(file, 'utf8');
    await fs.writeFile(file, source.replace(/const VERSION = "([0-9a-f]+)"/, 'const VERSION = "next-$1"'));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

    // The new version waits and is offered calmly; nothing changes until the person chooses to reload.
    const prompt = page.getByTestId('update-prompt');
    await prompt.waitFor({ timeout: 20_000 });
    expect(await prompt.textContent()).toContain('Neue Version verfügbar.');
    await page.screenshot({ path: path.resolve('test-results/update-prompt-1280x800.png') });
    await Promise.all([page.waitForEvent('load'), prompt.getByTestId('update-reload').click()]);
    await page.getByTestId('landing').waitFor();
    await expect.poll(cacheNames).toEqual([expect.stringMatching(/^common-ground-shell-next-/)]);
    expect(await page.getByTestId('update-prompt').count()).toBe(0);
  });
});
