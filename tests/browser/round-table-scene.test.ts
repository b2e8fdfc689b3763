import fs from 'node:fs/promises';
import path from 'node:path';
import { RoundsResponse } from '@common-ground/shared/api';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser } from '../helpers/browser';
import { createBoard, joinAsNewPartner, proposeGoal } from '../helpers/browserFlows';
import { api } from '../helpers/clients';
import { cutText, fontPx } from '../helpers/projector';
import { decodeQr } from '../helpers/qrDecode';
import { roundOf, roundsApi } from '../helpers/roundsApi';
import { makeDataDir, type SpawnedServer, spawnServer } from '../helpers/server';
import { plainText } from '../helpers/softHyphens';

// Needs the built client: `npm run test:browser` builds first.
const RESULTS = path.resolve('test-results');
/** The laptop's name in the venue's network; every browser here resolves it to this machine. */
const LAN_NAME = 'tisch.test';
const RESOLVER = `--host-resolver-rules=MAP ${LAN_NAME} 127.0.0.1`;
const TITLE = 'Spielplatz am Südpark gemeinsam sanieren und dauerhaft pflegen';
const WORDING =
  'Die Kooperationspartner/innen sanieren bis Ende 2027 den Spielplatz am Südpark. Die Stadt übernimmt die ' +
  'Planung und die Ausschreibung, die Wohnungsbaugesellschaft stellt die Fläche hinter Haus 12 dauerhaft zur ' +
  'Verfügung, und die Mieterinitiative organisiert zweimal im Jahr einen Pflegetag mit den Nachbar/innen.';
const OBJECTION =
  'Die Fläche hinter Haus 12 ist für Stellplätze vorgesehen; dauerhaft können wir sie nicht zusagen.';
const CONCERN = 'Zwei Pflegetage im Jahr schaffen wir nur, wenn die Stadt Werkzeug und Container stellt.';
const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
] as const;

/** The boards the laptop's browser remembers (with the facilitator's token), as stored. */
const rememberedBoards = (page: Page) =>
  page.evaluate(() => localStorage.getItem('common-ground.boards') ?? '[]');

/** The projector at both sizes: nothing of the focused goal is cut, the text is readable from the back row. */
async function projectedUncut(projector: Page, shot: string, text: readonly string[]) {
  for (const size of SIZES) {
    await projector.setViewportSize(size);
    await expect.poll(() => cutText(projector)).toEqual([]);
    for (const testId of text) expect(await fontPx(projector, testId), testId).toBeGreaterThanOrEqual(28);
    await projector.screenshot({ path: path.join(RESULTS, `${shot}-${size.width}x${size.height}.png`) });
  }
}

describe('the round table as a venue sees it: laptop in round-table mode, a phone over the Wi-Fi, the projector', () => {
  let server: SpawnedServer;
  let dataDir: string;
  let facilitator: BrowserSession;
  let phone: BrowserSession;
  let projectorSession: BrowserSession;

  beforeAll(async () => {
    await fs.mkdir(RESULTS, { recursive: true });
    dataDir = await makeDataDir();
    // Round-table mode as `npm run round-table -- tisch.test` starts it, but listening on 127.0.0.1 only: the
    // test needs no real network, Chromium maps the venue name to this machine.
    [server, facilitator, phone, projectorSession] = await Promise.all([
      spawnServer({ dataDir, env: { ROUND_TABLE: '1', ROUND_TABLE_ADDRESS: LAN_NAME } }),
      launchBrowser({ viewport: { width: 1280, height: 800 }, args: [RESOLVER] }),
      launchBrowser({ viewport: { width: 360, height: 640 }, args: [RESOLVER] }),
      launchBrowser({ viewport: SIZES[0], args: [RESOLVER] }),
    ]);
  }, 60_000);

  afterAll(async () => {
    await facilitator?.close();
    await phone?.close();
    await projectorSession?.close();
    await server?.kill();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('hands out the LAN name, lets a phone join and answer, and projects wording, reasons and outcome uncut', async () => {
    const origin = `http://${LAN_NAME}:${server.port}`;
    expect(server.stdout()).toContain(`Phones join at         ${origin}\n`);
    const f = facilitator.page;
    // The laptop itself opens 127.0.0.1, as the terminal tells it to.
    await createBoard(f, server.url, 'Runder Tisch Südstadt', 'Maria Schulz');
    const boardUrl = f.url();
    const boardId = boardUrl.split('/b/')[1] ?? '';
    const remembered = await rememberedBoards(f);
    const token =
      (JSON.parse(remembered) as { boardId: string; token: string }[]).find(
        (board) => board.boardId === boardId,
      )?.token ?? '';
    expect(token).not.toBe('');

    // The invite link and its QR code name the laptop's LAN name, and nothing warns about it.
    await f.getByTestId('invite-button').click();
    const dialog = f.getByTestId('invite-dialog');
    await dialog.locator('[data-link-reach=network]').waitFor();
    expect(await dialog.getByTestId('links-loopback').count()).toBe(0);
    const section = dialog.getByTestId('invite-partner');
    await section.getByTestId('invite-create').click();
    const inviteUrl = await section.getByTestId('invite-url').inputValue();
    expect(inviteUrl.startsWith(`${origin}/join/`)).toBe(true);
    // What a phone's camera reads from the code, not only what the page meant to encode.
    const scannedInvite = await decodeQr(section.locator('svg[data-url]'));
    expect(scannedInvite).toBe(inviteUrl);
    expect(new URL(scannedInvite).host).toBe(`${LAN_NAME}:${server.port}`);
    await f.keyboard.press('Escape');

    // The projector is a second window of the laptop, signed in as the facilitator (the same remembered boards),
    // in its own browser so that neither window is a throttled background tab. It hands out the LAN name too.
    const projector = projectorSession.page;
    await projector.addInitScript(
      (boards) => localStorage.setItem('common-ground.boards', boards),
      remembered,
    );
    await projector.goto(`${boardUrl}/present`);
    const corner = projector.getByTestId('present-join');
    const projectedUrl = `http://${await corner.getByTestId('present-join-url').textContent()}`;
    expect(projectedUrl.startsWith(`${origin}/join/`)).toBe(true);
    const scannedProjected = await decodeQr(corner.locator('svg[data-url]'));
    expect(scannedProjected).toBe(projectedUrl);
    expect(new URL(scannedProjected).host).toBe(`${LAN_NAME}:${server.port}`);
    expect(await corner.getByTestId('links-loopback').count()).toBe(0);

    // The phone opens the link by name over plain http: no secure context, and it still joins.
    const p = phone.page;
    await p.goto(inviteUrl);
    await p.getByTestId('join-name').waitFor();
    expect(await p.evaluate(() => window.isSecureContext)).toBe(false);
    await joinAsNewPartner(
      p,
      inviteUrl,
      'Ayşe Demir',
      { name: 'Mieterverein Südstadt', kind: 'residents' },
      f,
    );
    expect(new URL(p.url()).host).toBe(`${LAN_NAME}:${server.port}`);
    // A second organisation answers from its own device, here through the API.
    const client = api(server.url);
    const second = await client.join({
      code: (await client.createInvite(boardId, token, { role: 'partner' })).code,
      name: 'Bernd Krause',
      partner: { name: 'Wohnbau GmbH', kind: 'housing' },
    });

    // The facilitator proposes the goal with its long wording, readies it, puts it in focus and opens a round.
    await proposeGoal(f, TITLE, WORDING);
    const card = f.getByTestId('goal-card').filter({ hasText: TITLE });
    const goalId = (await card.getAttribute('data-goal-id')) ?? '';
    await card.getByTestId('goal-open').click();
    await f.getByTestId('goal-stage-select').selectOption('ready');
    await f.keyboard.press('Escape');
    const focused = await client.request('PUT', `/api/boards/${boardId}/facilitation`, {
      body: { focus: goalId },
      token,
    });
    expect(focused.status).toBe(200);
    await card.getByTestId('card-open-round').click();
    const goalDialog = f.getByTestId('goal-dialog');
    await goalDialog.getByTestId('visibility-open').check();
    await goalDialog.getByTestId('open-round-submit').click();
    await goalDialog.getByTestId('open-round').waitFor();
    await f.keyboard.press('Escape');

    // The phone objects, with its reason; the second partner has concerns.
    const phoneFocus = p.getByTestId('phone-focus');
    await phoneFocus.getByRole('heading', { name: TITLE }).waitFor();
    await phoneFocus.getByTestId('stance-object').click();
    await phoneFocus.getByTestId('stance-reason').fill(OBJECTION);
    await phoneFocus.getByTestId('stance-submit').click();
    await phoneFocus.getByTestId('current-stance').waitFor();
    await phoneFocus.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await p.screenshot({ path: path.join(RESULTS, 'round-table-scene-phone-360x640.png') });
    const listed = await roundsApi(server.url).list(boardId, token);
    const round = RoundsResponse.parse(listed.body).rounds.find((candidate) => candidate.goalId === goalId);
    if (!round) throw new Error('no round on the goal');
    roundOf(
      await roundsApi(server.url).stance(boardId, round.id, second.token, {
        stance: 'concerns',
        reason: CONCERN,
      }),
      201,
    );

    // The room reads the whole wording and both reasons with their organisations.
    await expect.poll(() => plainText(projector.getByTestId('present-wording'))).toBe(WORDING);
    const cells = projector.getByTestId('present-grid-cell');
    await expect
      .poll(() => cells.filter({ hasText: 'Mieterverein Südstadt' }).textContent())
      .toContain(OBJECTION);
    await expect.poll(() => cells.filter({ hasText: 'Wohnbau GmbH' }).textContent()).toContain(CONCERN);
    await projectedUncut(projector, 'round-table-scene-reasons', [
      'present-wording',
      'present-reason-text',
      'present-join-url',
    ]);

    // The facilitator closes the round: the projector shows the outcome, still uncut, reasons still there.
    await card.getByTestId('card-show-round').click();
    await goalDialog.getByTestId('close-round').click();
    await f.getByTestId('close-round-dialog').getByTestId('confirm').click();
    const outcome = projector.getByTestId('present-focus').getByTestId('outcome-banner');
    await outcome.getByText(/Einwand in Runde 1/).waitFor();
    await projectedUncut(projector, 'round-table-scene-outcome', ['present-wording', 'present-join-url']);
    // The outcome is the largest text but the goal's title (as in projector-negotiation.test.ts).
    const headline = await outcome
      .locator('.outcome-headline')
      .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(headline).toBeGreaterThanOrEqual(1.2 * (await fontPx(projector, 'present')));
    expect(await projector.getByTestId('present-focus-body').getByText(OBJECTION).count()).toBe(1);
    await phoneFocus.getByTestId('outcome-banner').waitFor();

    expect([...facilitator.errors, ...projectorSession.errors, ...phone.errors]).toEqual([]);
  }, 60_000);
});
