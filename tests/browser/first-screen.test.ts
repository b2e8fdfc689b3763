import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser, seriousA11yViolations } from '../helpers/browser';
import { createBoard } from '../helpers/browserFlows';
import { api, createClientPool } from '../helpers/clients';
import { addGoal, roundOf, roundsApi } from '../helpers/roundsApi';
import { startTestServer, type TestServer } from '../helpers/server';
import { stripSoftHyphens } from '../helpers/softHyphens';

// Needs the built client: `npm run build` first.
const RESULTS = path.resolve('test-results');
const URL_TEXT =
  'https://www.nachbarschaftstreff-suedstadt.example.org/mieterberatung/termine/kooperationsvereinbarung';

/**
 * Every line break inside the element's text falls between words, after a hyphen, or at a soft hyphen the
 * hyphenation put there: measured per character in the browser's own layout. Returns the breaks that do not, and
 * how many breaks fell at a soft hyphen.
 */
function lineBreaks(page: Page, selector: string) {
  return page.evaluate((css) => {
    const bad: string[] = [];
    let atSoftHyphen = 0;
    for (const element of Array.from(document.querySelectorAll(css))) {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      let previous: { top: number; before: string; text: string } | null = null;
      let between = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (let i = 0; i < text.length; i++) {
          const char = text.charAt(i);
          if (char === '\u00ad' || /\s/.test(char)) {
            between += char;
            continue;
          }
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          // A character right after a line break may also report a box at the end of the line before it.
          const rects = range.getClientRects();
          const rect = rects[rects.length - 1];
          if (!rect) continue;
          if (previous && rect.top > previous.top + rect.height / 2) {
            const allowed = /\s/.test(between) || between.includes('\u00ad') || /[-/–]/.test(previous.before);
            if (between.includes('\u00ad')) atSoftHyphen++;
            if (!allowed) bad.push(`${previous.text}|${text.slice(i).replaceAll('\u00ad', '')}`);
          }
          previous = { top: rect.top, before: char, text: text.slice(0, i).replaceAll('\u00ad', '') };
          between = '';
        }
      }
    }
    return { bad, atSoftHyphen };
  }, selector);
}

const hasSoftHyphens = (page: Page, selector: string) =>
  page.waitForFunction(
    (css) => document.querySelector(css)?.textContent?.includes('\u00ad') ?? false,
    selector,
  );

describe('the first screen and word breaking', () => {
  let server: TestServer;
  let laptop: BrowserSession;
  let phone: BrowserSession;
  const pool = createClientPool();

  beforeAll(async () => {
    await fs.mkdir(RESULTS, { recursive: true });
    server = await startTestServer();
    laptop = await launchBrowser({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' });
    phone = await launchBrowser({ viewport: { width: 360, height: 640 }, locale: 'de-DE' });
  });

  afterAll(async () => {
    pool.destroyAll();
    await laptop?.close();
    await phone?.close();
    await server?.close();
  });

  it('shows the facilitator goals on the first screen, and German words break only at hyphenation points', async () => {
    const f = laptop.page;
    await createBoard(f, server.url, 'Runder Tisch Nachbarschaftstreff Südstadt', 'Maria Schulz');
    const [remembered] = JSON.parse(
      (await f.evaluate(() => localStorage.getItem('common-ground.boards'))) ?? '[]',
    ) as { boardId: string; token: string }[];
    if (!remembered) throw new Error('board not remembered');
    const { boardId, token } = remembered;

    const client = api(server.url);
    const invite = await client.createInvite(boardId, token, { role: 'partner' });
    const tenants = await client.join({
      code: invite.code,
      name: 'Bernd Keller',
      partner: { name: 'Mieterberatung', kind: 'welfare' },
    });
    const meeting = await client.join({
      code: invite.code,
      name: 'Frau Yilmaz',
      partner: { name: 'Nachbarschaftstreff', kind: 'residents' },
    });
    const writer = pool.connect(server.url, boardId, tenants.token);
    const goalId = await addGoal(
      server.server,
      boardId,
      writer,
      'Mieterberatung im Nachbarschaftstreff',
      URL_TEXT,
    );
    await addGoal(server.server, boardId, writer, 'Spielplatz am Südpark sanieren', 'Neue Geräte');
    const rounds = roundsApi(server.url);
    const round = roundOf(await rounds.open(boardId, token, { goalId }), 201);
    roundOf(
      await rounds.stance(boardId, round.id, tenants.token, { stance: 'agree', reason: 'Begründung folgt' }),
      201,
    );
    roundOf(await rounds.stance(boardId, round.id, meeting.token, { stance: 'agree' }), 201);
    roundOf(await rounds.close(boardId, round.id, token), 200);

    // The first goal card is on the first screen; path, controls and health check are one line each.
    const firstCard = f.getByTestId('goal-card').first();
    await firstCard.waitFor();
    await f.getByTestId('health-summary-short').waitFor();
    await f.screenshot({ path: path.join(RESULTS, 'first-screen-1280x800.png') });
    expect((await firstCard.boundingBox())?.y).toBeLessThan(800);

    // Each compact part opens with a real button, by keyboard, and this device remembers it.
    const expand = f.getByTestId('process-expand');
    expect(await expand.getAttribute('aria-expanded')).toBe('false');
    expect(await f.getByTestId('process-explain').isVisible()).toBe(false);
    await expand.focus();
    await f.keyboard.press('Enter');
    expect(await expand.getAttribute('aria-expanded')).toBe('true');
    await f.getByTestId('process-explain').waitFor();
    await f.reload();
    await f.getByTestId('process-explain').waitFor();
    expect(await f.getByTestId('process-expand').getAttribute('aria-expanded')).toBe('true');
    await f.getByTestId('process-expand').click();
    await f.getByTestId('process-explain').waitFor({ state: 'hidden' });
    await f.getByTestId('health-expand').click();
    await f.getByTestId('health-summary').getByText('Legitimation und Machtbalance').waitFor();
    await f.getByTestId('health-expand').click();
    await f.getByTestId('health-summary-short').waitFor();
    expect(await seriousA11yViolations(f)).toEqual([]);
    await f.getByTestId('facilitation-panel').locator('summary').click();
    // The details element reports its toggle in a later task: the choice is stored then, not at the click.
    await expect
      .poll(() => f.evaluate(() => localStorage.getItem('common-ground.expanded.facilitation')))
      .toBe('open');
    await f.reload();
    await f.getByTestId('focus-select').waitFor();
    await f.getByTestId('facilitation-panel').locator('summary').click();
    await f.getByTestId('focus-select').waitFor({ state: 'hidden' });

    await f.setViewportSize({ width: 1920, height: 1080 });
    expect((await f.getByTestId('goal-card').first().boundingBox())?.y).toBeLessThan(700);
    await f.screenshot({ path: path.join(RESULTS, 'first-screen-1920x1080.png') });

    // On a phone the board starts within the first screen and a half, not after screens of controls.
    await f.setViewportSize({ width: 360, height: 640 });
    await f.reload();
    await f.getByTestId('goal-card').first().waitFor();
    await f.getByTestId('health-summary-short').waitFor();
    const phoneTop = await f.evaluate(
      () =>
        (document.querySelector('[data-testid=goal-card]')?.getBoundingClientRect().top ?? 1e9) +
        window.scrollY,
    );
    await f.screenshot({ path: path.join(RESULTS, 'first-screen-360x640.png'), fullPage: true });
    expect(await f.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
    expect(phoneTop).toBeLessThan(960);

    // The phone's dialog title wraps at a hyphenation point, never inside "vorschlagen"; the input stays clean.
    const p = phone.page;
    const tenantsDevice = await client.createInvite(boardId, token, { role: 'partner' });
    await p.goto(tenantsDevice.url);
    await p.getByTestId('join-name').fill('Herr Brandt');
    await p.getByTestId('partner-new').check();
    await p.getByTestId('partner-name').fill('Kooperationsvereinbarungsbeauftragte');
    await p.getByTestId('partner-kind').selectOption('welfare');
    await p.getByTestId('join-submit').click();
    await p.getByTestId('propose-goal').click();
    await hasSoftHyphens(p, 'dialog[open] h2');
    await p.getByTestId('propose-title').fill('Nachbarschaftstreff');
    expect(await p.getByTestId('propose-title').inputValue()).toBe('Nachbarschaftstreff');
    await p.screenshot({ path: path.join(RESULTS, 'propose-dialog-360x640.png') });
    expect((await lineBreaks(p, 'dialog[open] h2')).bad).toEqual([]);
    await p.keyboard.press('Escape');

    // The printed agreement on a phone-wide page: headings, names and the table head break only at hyphenation
    // points, and the address in the description wraps without overflowing.
    await p.goto(`${server.url}/b/${boardId}/agreement`);
    await p.getByTestId('agreement-goal').waitFor();
    await p.emulateMedia({ media: 'print' });
    await hasSoftHyphens(p, '.agreement-kicker');
    const words =
      '.agreement-kicker, .agreement-document h1, .agreement-document h3, .agreement-partners li, .agreement-stances th';
    // The measurement itself sees a word cut anywhere (as `overflow-wrap: anywhere` did).
    await p.evaluate(() => {
      const control = document.createElement('p');
      control.id = 'cut-anywhere';
      control.style.cssText = 'width: 4em; overflow-wrap: anywhere';
      control.textContent = 'Nachbarschaftstreff';
      document.body.append(control);
    });
    expect((await lineBreaks(p, '#cut-anywhere')).bad.length).toBeGreaterThan(0);
    await p.evaluate(() => document.getElementById('cut-anywhere')?.remove());
    const breaks = await lineBreaks(p, words);
    expect(breaks.bad).toEqual([]);
    expect(breaks.atSoftHyphen).toBeGreaterThan(0);
    const overflow = await p.evaluate(() => {
      const description = document.querySelector<HTMLElement>('.agreement-description');
      return {
        description: description ? description.scrollWidth - description.clientWidth : null,
        page: document.documentElement.scrollWidth - window.innerWidth,
      };
    });
    expect(overflow).toEqual({ description: 0, page: 0 });
    await p.screenshot({ path: path.join(RESULTS, 'agreement-print-360.png'), fullPage: true });

    // Copying a hyphenated heading yields the words as written.
    const copied = await p.evaluate(() => {
      const heading = document.querySelector('.agreement-kicker');
      if (!heading) return null;
      document.getSelection()?.selectAllChildren(heading);
      const data = new DataTransfer();
      heading.dispatchEvent(
        new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }),
      );
      return data.getData('text/plain');
    });
    expect(copied?.toLowerCase()).toBe('kooperationsvereinbarung');
    await p.emulateMedia({ media: 'screen' });
    await p.screenshot({ path: path.join(RESULTS, 'agreement-360.png'), fullPage: true });

    for (const session of [laptop, phone]) expect(session.errors).toEqual([]);
  });

  it('breaks goal titles on the board only at hyphenation points, and an address never overflows its card', async () => {
    const TITLE = 'Kooperationspartner/innen im Nachbarschaftstreff';
    const board = await api(server.url).createBoard('Stadtteilrunde Nachbarschaftstreff', 'Maria Schulz');
    const writer = pool.connect(server.url, board.boardId, board.token);
    const goalId = await addGoal(server.server, board.boardId, writer, TITLE, `Termine: ${URL_TEXT}`);
    const remembered = {
      boardId: board.boardId,
      title: 'Stadtteilrunde Nachbarschaftstreff',
      participantId: board.participantId,
      token: board.token,
      role: 'facilitator',
      name: 'Maria Schulz',
    };
    const card = `[data-goal-id="${goalId}"]`;
    for (const [session, size] of [
      [phone, '360x640'],
      [laptop, '1280x800'],
    ] as const) {
      const page = session.page;
      if (size === '1280x800') await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(server.url);
      await page.evaluate(
        (entry) => localStorage.setItem('common-ground.boards', JSON.stringify([entry])),
        remembered,
      );
      await page.goto(`${server.url}/b/${board.boardId}`);
      await hasSoftHyphens(page, `${card} .goal-open`);
      await page.screenshot({ path: path.join(RESULTS, `board-hyphenated-${size}.png`), fullPage: true });

      // The title breaks between words, after the slash or at a soft hyphen.
      const breaks = await lineBreaks(page, `${card} .goal-open, .column-name, .column-hint`);
      expect(breaks.bad).toEqual([]);
      expect(stripSoftHyphens(await page.locator(`${card} .goal-open`).getAttribute('aria-label'))).toContain(
        TITLE,
      );
      // The address keeps its characters (no soft hyphen would show a "-" in it) and wraps inside the card.
      const excerpt = await page.locator(`${card} .goal-excerpt`).evaluate((el) => ({
        text: el.textContent,
        overflow: el.scrollWidth - el.clientWidth,
        card: (el.closest('.goal-card')?.scrollWidth ?? 0) - (el.closest('.goal-card')?.clientWidth ?? 0),
      }));
      expect(excerpt).toEqual({ text: `Termine: ${URL_TEXT}`, overflow: 0, card: 0 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
    }

    // The board's heading is hyphenated too; its name (the focus target after navigation) is the plain title.
    expect(await phone.page.getByTestId('board-title').getAttribute('aria-label')).toBe(
      'Stadtteilrunde Nachbarschaftstreff',
    );

    for (const session of [laptop, phone]) expect(session.errors).toEqual([]);
  });
});
