import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser } from '../helpers/browser';
import { createBoard } from '../helpers/browserFlows';
import { serviceWorkerControls } from '../helpers/offlineBrowser';
import { startTestServer, type TestServer } from '../helpers/server';
import { makeTestCert, missingOpenssl, type TestCert } from '../helpers/testCert';

// Needs the built client (service worker included): `npm run test:browser` builds first.
const RESULTS = path.resolve('test-results');
// A LAN name instead of 127.0.0.1, which browsers treat as secure even over http.
const LAN_NAME = 'tisch.test';
const resolveLanName = `--host-resolver-rules=MAP ${LAN_NAME} 127.0.0.1`;
const skipReason = missingOpenssl();

describe('what a phone gets over plain http and over https', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const server = async (config: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> => {
    const started = await startTestServer(config);
    cleanups.push(() => started.close());
    return started;
  };
  const browser = async (options: Parameters<typeof launchBrowser>[0]): Promise<BrowserSession> => {
    const session = await launchBrowser(options);
    cleanups.push(() => session.close());
    return session;
  };

  it('over plain http says calmly what works, and selects the link when the clipboard is missing', async () => {
    const plain = await server();
    const { page } = await browser({ viewport: { width: 360, height: 640 }, args: [resolveLanName] });
    await createBoard(page, `http://${LAN_NAME}:${plain.port}`, 'Runder Tisch Südstadt');
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);

    const note = page.getByTestId('plain-connection-note');
    await note.waitFor();
    expect(await note.locator('summary').textContent()).toBe(
      'Ohne https: Alles läuft live, aber die App lässt sich nicht installieren und ohne Netz nicht neu laden. Warum?',
    );
    await fs.mkdir(RESULTS, { recursive: true });
    await note.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(RESULTS, 'secure-mode-plain-http-360x640.png') });
    await note.locator('summary').click();
    await note.getByText('nur über eine sichere Verbindung (https)').waitFor();

    await page.getByTestId('invite-button').click();
    const section = page.getByTestId('invite-partner');
    await section.getByTestId('invite-create').click();
    await section.getByTestId('invite-copy').click();
    await section.getByText('Link markiert – jetzt kopieren (lange drücken oder Strg+C).').waitFor();
    const url = await section.getByTestId('invite-url').inputValue();
    expect(url).toMatch(new RegExp(`^http://${LAN_NAME.replace('.', '\\.')}:\\d+/join/`));
    // The link is selected in the focused field, ready for a long press or Ctrl+C.
    const focused = await page.evaluate(() => {
      const active = document.activeElement;
      return active instanceof HTMLInputElement
        ? {
            testId: active.dataset.testid,
            selected: active.value.slice(active.selectionStart ?? 0, active.selectionEnd ?? 0),
          }
        : null;
    });
    expect(focused).toEqual({ testId: 'invite-url', selected: url });
    await page.screenshot({ path: path.join(RESULTS, 'secure-mode-copy-fallback-360x640.png') });
  });

  it.skipIf(skipReason)(
    `over https the page is a secure context with a service worker, and says nothing${skipReason ? ` — skipped: ${skipReason}` : ''}`,
    async () => {
      const cert: TestCert = await makeTestCert();
      cleanups.push(() => fs.rm(cert.dir, { recursive: true, force: true }));
      const secure = await server({ config: { tls: { cert: cert.certFile, key: cert.keyFile } } });
      // The test certificate names localhost only: Chromium accepts it for the LAN name with this flag.
      const { page } = await browser({
        viewport: { width: 360, height: 640 },
        args: [resolveLanName, '--ignore-certificate-errors'],
      });
      await createBoard(page, `https://${LAN_NAME}:${secure.port}`, 'Runder Tisch Südstadt');
      expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
      await serviceWorkerControls(page);
      expect(await page.getByTestId('plain-connection-note').count()).toBe(0);
    },
  );
});
