import { CloseCode } from '@common-ground/shared/protocol';
import { readGoals } from '@common-ground/shared/schema';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadConfig } from '../../server/src/config';
import { type BrowserSession, launchBrowser, seriousA11yViolations } from '../helpers/browser';
import {
  createBoard,
  createInviteLink,
  joinAsNewPartner,
  proposeGoal,
  statusLocator,
} from '../helpers/browserFlows';
import { rememberedBoard, storedBoardDoc } from '../helpers/offlineBrowser';
import { startTestServer, type TestServer } from '../helpers/server';

// Needs the built client: `npm run test:browser` builds first.
const GOAL = 'Spielplatz am Südpark';
const MAX_DOC_BYTES = 8 * 1024;
// More than the whole board may hold, less than a description may be long.
const PASTED = `Unser ausführlicher Vorschlag: ${'Mehr Bänke und Schatten am Spielplatz. '.repeat(320)}`;

/** The board sockets this page opened so far (the record's socket is counted apart). */
const boardSockets = (urls: readonly string[], boardId: string) =>
  urls.filter((url) => new URL(url).pathname === `/ws/${boardId}`).length;

const sortedVector = (doc: Y.Doc) => [...Y.decodeStateVector(Y.encodeStateVector(doc)).entries()].sort();

/** The server closes every socket of one participant with `code`, as its guards do. */
function closeSocketsOf(server: TestServer, boardId: string, participantId: string, code: CloseCode) {
  for (const key of [boardId, `${boardId}/record`]) {
    for (const conn of server.server.rooms.get(key)?.connections ?? []) {
      if (conn.participantId === participantId) conn.close(code, 'test');
    }
  }
}

async function openGoal(page: Page, title: string) {
  await page.getByTestId('goal-card').filter({ hasText: title }).getByTestId('goal-open').click();
  return page.getByTestId('goal-dialog');
}

describe('board in the browser: a change the server refuses', () => {
  let server: TestServer;
  let facilitator: BrowserSession;
  let partner: BrowserSession;

  beforeAll(async () => {
    server = await startTestServer({
      config: { limits: { ...loadConfig({}, {}).limits, maxDocBytes: MAX_DOC_BYTES } },
    });
    facilitator = await launchBrowser({ viewport: { width: 1280, height: 800 } });
    partner = await launchBrowser({ viewport: { width: 1280, height: 800 } });
  });

  afterAll(async () => {
    await facilitator?.close();
    await partner?.close();
    await server?.close();
  });

  it('says the board is full, starts again from the server copy without looping, and offers the text back', async () => {
    const a = facilitator.page;
    const b = partner.page;
    const sockets: string[] = [];
    a.on('websocket', (ws) => sockets.push(ws.url()));

    await createBoard(a, server.url, 'Runder Tisch Südstadt', 'Maria Schulz');
    await proposeGoal(a, GOAL, 'Kurz gesagt: mehr Schatten.');
    await joinAsNewPartner(
      b,
      await createInviteLink(a),
      'Ayşe Demir',
      {
        name: 'Nachbarschaftsinitiative',
        kind: 'residents',
      },
      a,
    );
    await b.getByTestId('goal-card').filter({ hasText: GOAL }).waitFor();
    const { boardId } = await rememberedBoard(a);
    const room = () => {
      const found = server.server.rooms.get(boardId);
      if (!found) throw new Error('the board is not loaded on the server');
      return found;
    };
    const storedBefore = await server.server.storage.log.countUpdates(boardId);
    const socketsBefore = boardSockets(sockets, boardId);
    expect(socketsBefore).toBe(1);

    // A pastes a text larger than the whole board may grow: the server closes A's socket with 4413.
    const dialog = await openGoal(a, GOAL);
    await dialog.getByTestId('goal-description-input').fill(PASTED);
    const notice = a.locator(`[data-testid=refusal-notice][data-code="${CloseCode.BoardFull}"]`);
    await notice.waitFor();
    expect(await notice.getByRole('heading').first().textContent()).toBe('Das Board ist voll');
    expect(await notice.getByTestId('refusal-text').textContent()).toContain('Bitten Sie die Moderation');

    // The fresh session has synced once the kept text was checked against the server's copy.
    const kept = a.getByTestId('kept-text');
    await kept.waitFor();
    await statusLocator(a, '[data-status=live][data-pending=false]').waitFor();
    expect(await kept.count()).toBe(1);
    expect(await kept.getAttribute('data-kind')).toBe('description');
    expect(await kept.getByTestId('kept-text-value').inputValue()).toBe(PASTED);
    // Focus was in the discarded board's dialog; it is on the notice now, not on the page body.
    expect(
      await a.evaluate(() => document.activeElement?.closest('[data-testid=refusal-notice]') !== null),
    ).toBe(true);

    // Exactly one new board socket (the fresh session's), and nothing of the refused change reached the server.
    expect(boardSockets(sockets, boardId)).toBe(socketsBefore + 1);
    expect(await server.server.storage.log.countUpdates(boardId)).toBe(storedBefore);
    expect(readGoals(room().doc).find((g) => g.title === GOAL)?.description).toBe(
      'Kurz gesagt: mehr Schatten.',
    );
    await expect
      .poll(async () => {
        const stored = await storedBoardDoc(a, boardId);
        return JSON.stringify([sortedVector(stored), readGoals(stored)]);
      })
      .toBe(JSON.stringify([sortedVector(room().doc), readGoals(room().doc)]));
    expect(await a.evaluate((id) => localStorage.getItem(`common-ground.offline.${id}`), boardId)).toBeNull();
    await a.getByTestId('goal-card').filter({ hasText: GOAL }).waitFor();
    expect(await seriousA11yViolations(a)).toEqual([]);

    await a.screenshot({ path: '/tmp/refusal-1280x800.png' });
    await a.setViewportSize({ width: 360, height: 640 });
    await notice.scrollIntoViewIfNeeded();
    await a.screenshot({ path: '/tmp/refusal-360x640.png' });
    await a.setViewportSize({ width: 1280, height: 800 });

    // B kept working all along: B's edit reaches the server and A's fresh copy.
    await proposeGoal(b, 'Von Ayşe: Sitzbänke');
    await a.getByTestId('goal-card').filter({ hasText: 'Von Ayşe: Sitzbänke' }).waitFor();
    expect(readGoals(room().doc).map((g) => g.title)).toContain('Von Ayşe: Sitzbänke');
    expect(await server.server.storage.log.countUpdates(boardId)).toBeGreaterThan(storedBefore);

    // Still that one socket from A after B's round trip: no retry, and no second refusal.
    expect(boardSockets(sockets, boardId)).toBe(socketsBefore + 1);
    expect(room().connections.size).toBe(2);
    expect(await a.locator('[data-testid=refusal-notice]').count()).toBe(1);

    // Done: the notice goes, focus stays in the page.
    await a.getByTestId('refusal-dismiss').click();
    await a.getByTestId('refusal-notice').waitFor({ state: 'detached' });
    expect(await a.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(await a.evaluate((id) => localStorage.getItem(`common-ground.kept.${id}`), boardId)).toBeNull();
  });

  it('after "too many changes" waits for the person, then starts fresh and offers what was typed meanwhile', async () => {
    const a = facilitator.page;
    const b = partner.page;
    const sockets: string[] = [];
    a.on('websocket', (ws) => sockets.push(ws.url()));
    await createBoard(a, server.url, 'Stadtteilbeirat', 'Maria Schulz');
    await proposeGoal(a, GOAL, 'Kurz.');
    await joinAsNewPartner(
      b,
      await createInviteLink(a),
      'Ayşe Demir',
      {
        name: 'Mieterbeirat',
        kind: 'residents',
      },
      a,
    );
    const { boardId, participantId } = await rememberedBoard(a);
    const socketsBefore = boardSockets(sockets, boardId);

    closeSocketsOf(server, boardId, participantId, CloseCode.TooManyChanges);
    const notice = a.locator(`[data-testid=refusal-notice][data-code="${CloseCode.TooManyChanges}"]`);
    await notice.waitFor();
    expect(await notice.getByRole('heading').first().textContent()).toBe(
      'Zu viele Änderungen in kurzer Zeit',
    );
    // Typed while disconnected: it goes into the copy about to be discarded, so it must be offered back.
    const dialog = await openGoal(a, GOAL);
    await dialog.getByTestId('goal-description-input').fill('Kurz. Und noch ein Gedanke.');
    await a.keyboard.press('Escape');
    // B's edit is stored meanwhile; A does not come back by itself.
    await proposeGoal(b, 'Während der Pause');
    expect(readGoals(server.server.rooms.get(boardId)?.doc ?? new Y.Doc()).map((g) => g.title)).toContain(
      'Während der Pause',
    );
    expect(boardSockets(sockets, boardId)).toBe(socketsBefore);
    expect(await a.getByTestId('goal-card').filter({ hasText: 'Während der Pause' }).count()).toBe(0);

    await notice.getByTestId('refusal-reconnect').click();
    await a.getByTestId('goal-card').filter({ hasText: 'Während der Pause' }).waitFor();
    const kept = a.getByTestId('kept-text');
    await kept.waitFor();
    expect(await kept.getByTestId('kept-text-value').inputValue()).toBe('Kurz. Und noch ein Gedanke.');
    expect(await a.locator(`[data-testid=refusal-notice][data-code]`).count()).toBe(0);
    expect(boardSockets(sockets, boardId)).toBe(socketsBefore + 1);
    expect(
      await a.evaluate(() => document.activeElement?.closest('[data-testid=refusal-notice]') !== null),
    ).toBe(true);
  });

  it('after "access ended" forgets the board on this device and links to the start page', async () => {
    const a = partner.page;
    const { boardId, participantId } = await rememberedBoard(a);
    await a.goto(`${server.url}/b/${boardId}`);
    await statusLocator(a, '[data-status=live]').waitFor();

    closeSocketsOf(server, boardId, participantId, CloseCode.AccessEnded);
    const ended = a.getByTestId('board-access-ended');
    await ended.waitFor();
    expect(await ended.getByRole('heading').textContent()).toBe('Ihr Zugang zu diesem Board ist beendet');
    expect(await a.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await expect
      .poll(() => a.evaluate(() => localStorage.getItem('common-ground.boards') ?? ''))
      .not.toContain(boardId);
    await expect
      .poll(() => a.evaluate(async () => (await indexedDB.databases()).map((db) => db.name).join(',')))
      .not.toContain(boardId);
    await ended.getByRole('link', { name: 'Zur Startseite' }).click();
    await a.getByTestId('landing').waitFor();
  });
});
