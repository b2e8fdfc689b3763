import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser } from '../helpers/browser';
import { createBoard, createInviteLink, joinAsNewPartner, proposeGoal } from '../helpers/browserFlows';
import { createTestDatabase, databaseUrl, type TestDatabase } from '../helpers/postgres';
import { startTestServer, type TestServer } from '../helpers/server';

// Needs the built client: `npm run test:browser` builds first.
const RESULTS = path.resolve('test-results');
const redisUrl = process.env.REDIS_URL;
const reason =
  databaseUrl && redisUrl
    ? 'PostgreSQL and Redis'
    : 'skipped: DATABASE_URL and REDIS_URL must both be set, these tests need PostgreSQL and Redis';
const GOAL = 'Nachbarschaftsfest im Juni';

const card = (page: Page, column: string) =>
  page.getByTestId(`column-${column}`).getByTestId('goal-card').filter({ hasText: GOAL });

describe.skipIf(!databaseUrl || !redisUrl)(`two browsers on two server instances (${reason})`, () => {
  let database: TestDatabase;
  let one: TestServer;
  let two: TestServer;
  let facilitator: BrowserSession;
  let partner: BrowserSession;

  beforeAll(async () => {
    await fs.mkdir(RESULTS, { recursive: true });
    database = await createTestDatabase();
    const cluster = {
      databaseUrl: database.url,
      redisUrl: redisUrl ?? null,
      redisPrefix: `cg-browser-${randomBytes(6).toString('hex')}`,
    };
    one = await startTestServer({ config: cluster });
    two = await startTestServer({ config: cluster });
    facilitator = await launchBrowser({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' });
    partner = await launchBrowser({ viewport: { width: 390, height: 844 }, locale: 'de-DE' });
  });

  afterAll(async () => {
    await facilitator?.close();
    await partner?.close();
    await one?.close();
    await two?.close();
    await database?.drop();
  });

  it('shows edits, presence and a round live to people on different instances', async () => {
    const f = facilitator.page;
    const p = partner.page;
    await createBoard(f, one.url, 'Quartiersrunde Nord', 'Maria Schulz');
    // The partner's phone reaches the other instance (as a load balancer might send it).
    const invite = (await createInviteLink(f)).replace(one.url, two.url);
    await joinAsNewPartner(p, invite, 'Ayşe Demir', { name: 'Mieterinitiative Nord', kind: 'residents' }, f);

    await f.getByTestId('presence').getByText('Ayşe Demir').waitFor();
    await p.getByTestId('presence').getByText('Maria Schulz').waitFor();

    // A goal proposed on instance 2 appears on instance 1; the facilitator readies it and opens a round.
    await proposeGoal(p, GOAL, 'Mit allen Häusern der Straße.');
    await card(f, 'proposed').getByTestId('goal-open').click();
    await f.getByTestId('goal-stage-select').selectOption('ready');
    await f.keyboard.press('Escape');
    await card(f, 'ready').getByTestId('card-open-round').click();
    const dialog = f.getByTestId('goal-dialog');
    await dialog.getByTestId('visibility-open').check();
    await dialog.getByTestId('open-round-submit').click();
    await dialog.getByTestId('open-round').waitFor();
    await f.keyboard.press('Escape');

    // The partner on instance 2 sees the round and agrees; the facilitator on instance 1 sees the answer.
    await card(p, 'ready').getByTestId('card-give-stance').click();
    await p.getByTestId('goal-dialog').getByTestId('stance-agree').click();
    await p.getByTestId('goal-dialog').getByTestId('stance-submit').click();
    await p.getByTestId('goal-dialog').getByTestId('current-stance').waitFor();
    await card(f, 'ready').getByTestId('card-show-round').click();
    await expect
      .poll(() => dialog.getByTestId('tally-summary').textContent())
      .toBe('1 von 1 Partner/innen haben geantwortet');
    await f.screenshot({ path: path.join(RESULTS, 'cluster-facilitator-instance-1.png') });
    await p.screenshot({ path: path.join(RESULTS, 'cluster-partner-instance-2.png') });
  });
});
