import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser, seriousA11yViolations } from '../helpers/browser';
import { api, createClientPool } from '../helpers/clients';
import { addGoal, roundOf, roundsApi } from '../helpers/roundsApi';
import { startTestServer, type TestServer } from '../helpers/server';

// Needs the built client: `npm run build` first.
const RESULTS = path.resolve('test-results');

describe('process path and health check in the browser', () => {
  let server: TestServer;
  let facilitator: BrowserSession;
  let phone: BrowserSession;
  const pool = createClientPool();

  beforeAll(async () => {
    await fs.mkdir(RESULTS, { recursive: true });
    server = await startTestServer();
    facilitator = await launchBrowser({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' });
    phone = await launchBrowser({ viewport: { width: 360, height: 740 }, locale: 'de-DE' });
  });

  afterAll(async () => {
    pool.destroyAll();
    await facilitator?.close();
    await phone?.close();
    await server?.close();
  });

  it('moves the phase live for everyone and explains every health figure', async () => {
    const a = facilitator.page;
    await a.goto(`${server.url}/`);
    await a.getByTestId('board-title-input').fill('Runder Tisch Südstadt 2027');
    await a.getByTestId('your-name-input').fill('Maria Schulz');
    await a.getByTestId('create-board').click();
    await a.locator('[data-testid=connection-status][data-status=live]').waitFor();
    const [remembered] = JSON.parse(
      (await a.evaluate(() => localStorage.getItem('common-ground.boards'))) ?? '[]',
    ) as { boardId: string; token: string }[];
    if (!remembered) throw new Error('board not remembered');
    const { boardId, token } = remembered;

    // Two partners (no residents' initiative), one agreed goal without structure.
    const client = api(server.url);
    const invite = await client.createInvite(boardId, token, { role: 'partner' });
    const housing = await client.join({
      code: invite.code,
      name: 'Bernd Keller',
      partner: { name: 'Wohnbau Süd eG', kind: 'housing' },
    });
    const school = await client.join({
      code: invite.code,
      name: 'Frau Yilmaz',
      partner: { name: 'Grundschule am Park', kind: 'school' },
    });
    const writer = pool.connect(server.url, boardId, housing.token);
    const goalId = await addGoal(
      server.server,
      boardId,
      writer,
      'Spielplatz am Südpark sanieren',
      'Neue Geräte',
    );
    const rounds = roundsApi(server.url);
    const round = roundOf(await rounds.open(boardId, token, { goalId }), 201);
    roundOf(await rounds.stance(boardId, round.id, housing.token, { stance: 'agree' }), 201);
    roundOf(await rounds.stance(boardId, round.id, school.token, { stance: 'agree' }), 201);
    roundOf(await rounds.close(boardId, round.id, token), 200);

    // A phone joins through the link as a new partner (a welfare organisation).
    const b = phone.page;
    const phoneInvite = await client.createInvite(boardId, token, { role: 'partner' });
    await b.goto(phoneInvite.url);
    await b.getByTestId('join-name').fill('Herr Brandt');
    await b.getByTestId('partner-new').check();
    await b.getByTestId('partner-name').fill('Nachbarschaftshaus');
    await b.getByTestId('partner-kind').selectOption('welfare');
    await b.getByTestId('join-submit').click();
    await b.locator('[data-testid=connection-status][data-status=live]').waitFor();
    await b.getByTestId('process-compact').getByText('Bestandsaufnahme').waitFor();
    // Partners see the path, but cannot move it.
    expect(await b.getByTestId('process-move-collect').count()).toBe(0);

    // The facilitator moves on; the phone sees it live, marked by a word and not colour alone.
    await a.getByTestId('process-move-negotiate').click();
    await a.locator('[data-testid=process-stepper][data-phase=negotiate]').waitFor();
    await b.locator('[data-testid=process-stepper][data-phase=negotiate]').waitFor();
    expect(await b.getByTestId('process-compact').textContent()).toContain('Schritt 3 von 5: Aushandeln');
    expect(await a.locator('[aria-current=step]').textContent()).toContain('Jetzt');
    expect(await b.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await b.screenshot({ path: path.join(RESULTS, 'process-phone.png'), fullPage: false });

    // The board shows the facilitator a short summary; the panel has every line.
    await a.getByTestId('health-summary').getByText('Netzwerk-Bestandsaufnahme').waitFor();
    await a.screenshot({ path: path.join(RESULTS, 'process-board.png'), fullPage: false });
    await a.getByTestId('health-link').click();
    await a.getByTestId('health-list').waitFor();
    const network = a.getByTestId('health-network');
    await network.getByText('Keine Bewohner/inneninitiative am Tisch.').waitFor();
    await network.getByText('Genauer ansehen').waitFor();
    await a.getByTestId('health-goals').getByText('1 von 1 Zielen sind vereinbart.').waitFor();
    await a
      .getByTestId('health-structures')
      .getByText('Es fehlt noch etwas bei: Spielplatz am Südpark sanieren.')
      .waitFor();

    // Every figure explains itself from a real button, with the keyboard.
    const toggles = a.getByTestId('figure-explain');
    expect(await toggles.count()).toBe(12);
    await toggles.first().focus();
    await a.keyboard.press('Enter');
    expect(await toggles.first().getAttribute('aria-expanded')).toBe('true');
    await a.getByTestId('figure-explanation').first().getByText('mindestens eine Angabe').waitFor();
    expect(await seriousA11yViolations(a)).toEqual([]);
    await a.screenshot({ path: path.join(RESULTS, 'process-health.png'), fullPage: true });

    // The agreement carries the health check as its appendix when asked to; the report is the facilitator's.
    await a.goto(`${server.url}/b/${boardId}/agreement`);
    await a.getByTestId('agreement-signing').waitFor();
    expect(await a.getByTestId('health-appendix').count()).toBe(0);
    await a.getByLabel('Gesundheitscheck anhängen').check();
    await a.getByTestId('health-appendix').getByText('Wie diese Vereinbarung entstanden ist').waitFor();
    await a.goto(`${server.url}/b/${boardId}/report`);
    await a.getByTestId('report-phases').getByText('Aushandeln').waitFor();
    await a.getByTestId('report-rounds').getByText('vereinbart (2 von 2 Haltungen abgegeben)').waitFor();
    await a.getByTestId('report-markdown').waitFor();
    await a.emulateMedia({ media: 'print' });
    await a.screenshot({ path: path.join(RESULTS, 'process-report-print.png'), fullPage: true });
    await a.emulateMedia({ media: 'screen' });
    await b.goto(`${server.url}/b/${boardId}/report`);
    await b.getByText('Den Prozessbericht kann nur die Moderation abrufen.').waitFor();
    expect(facilitator.errors.filter((e) => !e.includes('403'))).toEqual([]);
  });
});
