import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';

// Needs the built client: `npm run test:browser` builds first.
describe('board in the browser: losing the connection', () => {
  let server: TestServer;
  let browser: BrowserSession;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('says it is offline, keeps changes made meanwhile and sends them when the server is back', async () => {
    const page = browser.page;
    const status = page.getByTestId('connection-status');
    await page.goto(`${server.url}/`);
    await page.getByTestId('board-title-input').fill('Stadtteilkonferenz');
    await page.getByTestId('create-board').click();
    await page.locator('[data-testid=connection-status][data-status=live]').waitFor();
    const boardUrl = page.url();

    // The server goes away (same port and data come back below).
    const { port, dataDir } = server;
    await server.close({ keepData: true });
    await page.locator('[data-testid=connection-status][data-status=offline]').waitFor();
    expect(await status.textContent()).toContain('Offline');

    await page.getByTestId('propose-goal').click();
    await page.getByTestId('propose-title').fill('Offline vorgeschlagen');
    await page.getByTestId('propose-submit').click();
    await page.locator('[data-testid=connection-status][data-pending=true]').waitFor();
    expect(await status.textContent()).toContain('sobald die Verbindung zurück ist');

    server = await startTestServer({ dataDir, config: { port } });
    await page.locator('[data-testid=connection-status][data-status=live][data-pending=false]').waitFor({
      timeout: 20_000,
    });

    // A fresh load reads the board from the server alone: the goal made offline arrived there.
    await page.goto(boardUrl);
    await page.getByTestId('column-proposed').getByText('Offline vorgeschlagen').waitFor();
    // Requests to the stopped server fail at the network level (the socket, and the device's access check when a
    // connection attempt fails); nothing else may show up.
    expect(
      browser.errors.filter((e) => !e.includes('WebSocket') && !e.includes('net::ERR_CONNECTION_REFUSED')),
    ).toEqual([]);
  });
});
