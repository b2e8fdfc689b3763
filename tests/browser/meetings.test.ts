import fs from 'node:fs/promises';
import path from 'node:path';
import ICAL from 'ical.js';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser, seriousA11yViolations } from '../helpers/browser';
import { createBoard, createInviteLink, joinAsNewPartner, proposeGoal } from '../helpers/browserFlows';
import { rememberedBoard, type StoredBoard } from '../helpers/offlineBrowser';
import { roundOf, roundsApi } from '../helpers/roundsApi';
import { sideOverflow } from '../helpers/screenChecks';
import { startTestServer, type TestServer } from '../helpers/server';

// Needs the built client: `npm run test:browser` builds first.
const RESULTS = path.resolve('test-results');
/** Both the toolbar and the "next meeting" line own a meetings dialog: the one that is open. */
const OPEN_DIALOG = 'dialog[open][data-testid=meetings-dialog]';
const PLACE = 'Stadtteiltreff Südstadt, Marktstraße 5';

/** A day some weeks ahead as Berlin's calendar has it ('YYYY-MM-DD'): the meeting stays in the future. */
const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(
  Date.now() + 40 * 86_400_000,
);

/** The test id of the focused element, to see that focus went somewhere meaningful (never <body>). */
const focused = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);

/** Nothing in the dialog is wider than the dialog itself (its own scroll box hides that from sideOverflow). */
const dialogFits = (dialog: Locator) => dialog.evaluate((el) => el.scrollWidth <= el.clientWidth);

/** Clicks a download button and returns the downloaded calendar file, parsed with ical.js, and its text. */
async function downloadIcs(page: Page, button: Locator) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const file = await download.path();
  const text = await fs.readFile(file, 'utf8');
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error(`no VEVENT in ${text}`);
  const dtstart = vevent.getFirstProperty('dtstart');
  if (!dtstart) throw new Error(`no DTSTART in ${text}`);
  return {
    text,
    uid: String(vevent.getFirstPropertyValue('uid')),
    tzid: dtstart.getParameter('tzid'),
    start: (dtstart.getFirstValue() as ICAL.Time).toString(),
    sequence: Number(vevent.getFirstPropertyValue('sequence') ?? 0),
    status: String(vevent.getFirstPropertyValue('status') ?? ''),
    summary: String(vevent.getFirstPropertyValue('summary') ?? ''),
  };
}

describe('meetings: schedule, see the next one, add to a calendar, subscribe', () => {
  let server: TestServer;
  let laptop: BrowserSession;
  let phone: BrowserSession;
  let facilitator: StoredBoard;
  let partner: StoredBoard;

  const shot = async (page: Page, name: string) => {
    await page.screenshot({ path: path.join(RESULTS, `meetings-${name}.png`) });
  };

  beforeAll(async () => {
    await fs.mkdir(RESULTS, { recursive: true });
    server = await startTestServer();
    laptop = await launchBrowser({ viewport: { width: 1280, height: 800 } });
    phone = await launchBrowser({ viewport: { width: 360, height: 640 } });
    await createBoard(laptop.page, server.url, 'Runder Tisch Südstadt', 'Maria Schulz');
    await proposeGoal(laptop.page, 'Spielplatz am Südpark sanieren');
    await joinAsNewPartner(
      phone.page,
      await createInviteLink(laptop.page),
      'Ayşe Demir',
      { name: 'Nachbarschaftsinitiative', kind: 'residents' },
      laptop.page,
    );
    facilitator = await rememberedBoard(laptop.page);
    partner = await rememberedBoard(phone.page);
  });

  afterAll(async () => {
    await laptop?.close();
    await phone?.close();
    await server?.close();
  });

  it('the facilitator schedules and changes a meeting; the partner’s phone follows live and downloads it', async () => {
    const f = laptop.page;
    const p = phone.page;
    // No meeting yet: the board shows no line for it.
    expect(await p.getByTestId('next-meeting').count()).toBe(0);

    await f.getByTestId('meetings-button').click();
    const fDialog = f.locator(OPEN_DIALOG);
    await fDialog.getByTestId('meeting-schedule').click();
    // The form takes focus on its first field; an empty title is refused in words, focus on the message.
    expect(await focused(f)).toBe('meeting-title');
    await fDialog.getByTestId('meeting-save').click();
    await expect.poll(() => focused(f)).toBe('meeting-error');
    expect(await fDialog.getByTestId('meeting-error').textContent()).toContain('Titel');

    await fDialog.getByTestId('meeting-title').fill('Runder Tisch im Januar');
    await fDialog.getByTestId('meeting-date').fill(DAY);
    await fDialog.getByTestId('meeting-start').fill('18:00');
    await fDialog.getByTestId('meeting-end').fill('20:00');
    await fDialog.getByTestId('meeting-place').fill(PLACE);
    await fDialog.getByTestId('meeting-agenda-goal').first().check();
    await fDialog.getByTestId('meeting-note').fill('Bitte Unterlagen mitbringen.');
    await fDialog.getByTestId('meeting-save').click();
    // Saved: the list is back, focus on the announcement of what happened.
    await expect.poll(() => focused(f)).toBe('meetings-status');
    expect(await fDialog.getByTestId('meetings-status').textContent()).toContain('Das Treffen ist geplant');
    const item = fDialog.getByTestId('meeting-item');
    expect(await item.count()).toBe(1);
    expect(await item.textContent()).toContain('Spielplatz am Südpark sanieren');
    const meetingId = (await item.getAttribute('data-meeting-id')) ?? '';
    expect(meetingId).not.toBe('');
    expect(await sideOverflow(f)).toEqual([]);
    expect(await seriousA11yViolations(f)).toEqual([]);
    await shot(f, 'laptop-dialog-de-1280x800');

    // The phone sees it without a reload: one line, in Berlin's wall time, with the place.
    const next = p.getByTestId('next-meeting');
    await next.waitFor();
    const line = (await next.textContent()) ?? '';
    expect(line).toContain('Nächstes Treffen');
    expect(line).toMatch(/18:00\s*–\s*20:00/);
    expect(line).toContain('Stadtteiltreff');
    // Without the year on the board's line (the dialog has it), so that the time fits one phone line.
    const [, m, d] = DAY.split('-');
    expect(line).toContain(`${d}.${m}.`);
    // On the narrow phone "Nächstes Treffen:" gives way to the calendar icon; the time itself is not cut.
    const timeShown = await next.evaluate((el) => {
      const box = el.querySelector('.next-meeting-text') as HTMLElement;
      const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf('20:00') ?? -1;
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 5);
        return range.getBoundingClientRect().right <= box.getBoundingClientRect().right + 1;
      }
      return false;
    });
    expect(timeShown).toBe(true);
    const deviceZone = await p.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    if (!['Europe/Berlin', 'Europe/Vienna', 'Europe/Paris', 'Europe/Amsterdam'].includes(deviceZone)) {
      expect(line).toContain('Berliner Zeit');
    }
    // One line on the phone, and the goals are not pushed far down.
    const box = await next.boundingBox();
    expect(box?.height ?? 99).toBeLessThanOrEqual(52);
    expect(await sideOverflow(p)).toEqual([]);
    await next.scrollIntoViewIfNeeded();
    await shot(p, 'phone-board-de-360x640');

    // The .ics the phone downloads (fetched with the token, in the UI language).
    await p.getByTestId('next-meeting-open').click();
    const pDialog = p.locator(OPEN_DIALOG);
    const first = await downloadIcs(p, pDialog.getByTestId('meeting-ics'));
    expect(first.uid).toMatch(new RegExp(`^meeting-${meetingId}@`));
    expect(first.tzid).toBe('Europe/Berlin');
    expect(first.text).toContain(`DTSTART;TZID=Europe/Berlin:${DAY.replaceAll('-', '')}T180000`);
    expect(first.start).toBe(`${DAY}T18:00:00`);
    expect(first.sequence).toBe(0);
    expect(first.summary).toBe('Runder Tisch im Januar');
    expect(await focused(p)).toBe('meeting-ics');

    // A partner sees no schedule controls.
    expect(await pDialog.getByTestId('meeting-schedule').count()).toBe(0);
    expect(await pDialog.getByTestId('meeting-edit').count()).toBe(0);
    expect(await pDialog.getByTestId('meeting-cancel').count()).toBe(0);
    expect(await sideOverflow(p)).toEqual([]);
    expect(await dialogFits(pDialog)).toBe(true);
    expect(await seriousA11yViolations(p)).toEqual([]);
    await shot(p, 'phone-dialog-de-360x640');
    await p.keyboard.press('Escape');

    // The facilitator moves it by an hour: the phone's line follows, and a new download has SEQUENCE 1.
    await item.getByTestId('meeting-edit').click();
    expect(await focused(f)).toBe('meeting-title');
    expect(await fDialog.getByTestId('meeting-start').inputValue()).toBe('18:00');
    await fDialog.getByTestId('meeting-start').fill('19:00');
    await fDialog.getByTestId('meeting-end').fill('21:00');
    await fDialog.getByTestId('meeting-save').click();
    await expect.poll(() => focused(f)).toBe('meetings-status');
    expect(await fDialog.getByTestId('meetings-status').textContent()).toContain('geändert');
    await expect.poll(async () => (await next.textContent()) ?? '').toMatch(/19:00\s*–\s*21:00/);
    await p.getByTestId('next-meeting-open').click();
    const second = await downloadIcs(p, pDialog.getByTestId('meeting-ics'));
    expect(second.uid).toBe(first.uid);
    expect(second.sequence).toBe(1);
    expect(second.start).toBe(`${DAY}T19:00:00`);
    await p.keyboard.press('Escape');
  });

  it('a partner’s forged change is refused, and the partner subscribes to a personal feed and ends it', async () => {
    const p = phone.page;
    const meetingId = (await p.getByTestId('next-meeting').getAttribute('data-meeting-id')) ?? '';
    const base = `${server.url}/api/boards/${partner.boardId}/meetings/${meetingId}`;
    const auth = { authorization: `Bearer ${partner.token}`, 'content-type': 'application/json' };
    const forged = await fetch(base, {
      method: 'PUT',
      headers: auth,
      body: JSON.stringify({ title: 'Abgesagt!' }),
    });
    expect(forged.status).toBe(403);
    const cancel = await fetch(`${base}/cancel`, { method: 'POST', headers: auth });
    expect(cancel.status).toBe(403);
    const create = await fetch(`${server.url}/api/boards/${partner.boardId}/meetings`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        title: 'Geheimtreffen',
        start: Date.now() + 86_400_000,
        end: Date.now() + 90_000_000,
      }),
    });
    expect(create.status).toBe(403);

    // A round with a deadline: where the round shows it, its end goes into the calendar too.
    const goalId = (await laptop.page.locator('[data-goal-id]').first().getAttribute('data-goal-id')) ?? '';
    const deadline = Date.now() + 7 * 86_400_000;
    const round = roundOf(
      await roundsApi(server.url).open(facilitator.boardId, facilitator.token, { goalId, deadline }),
      201,
    );
    await p.locator(`[data-goal-id="${goalId}"] [data-testid=goal-open]`).click();
    const deadlineButton = p.getByTestId('open-round').getByTestId('deadline-ics');
    await deadlineButton.waitFor();
    const deadlineFile = await downloadIcs(p, deadlineButton);
    expect(deadlineFile.uid).toMatch(new RegExp(`^round-${round.id}@`));
    expect(deadlineFile.tzid).toBe('Europe/Berlin');
    expect(await focused(p)).toBe('deadline-ics');
    await p.keyboard.press('Escape');

    await p.getByTestId('meetings-button').click();
    const dialog = p.locator(OPEN_DIALOG);
    const feed = dialog.getByTestId('calendar-feed');
    await feed.getByTestId('feed-create').click();
    // The address, with a copy button that has focus, and the plain explanation.
    await expect.poll(() => focused(p)).toBe('feed-copy');
    const url = await feed.getByTestId('feed-url').inputValue();
    expect(url).toMatch(/\/cal\/[A-Za-z0-9_-]{65}\.ics/);
    expect(await feed.textContent()).toContain('nicht weiter');
    const answer = await fetch(url);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(await answer.text()).toContain(`meeting-${meetingId}@`);
    expect(await sideOverflow(p)).toEqual([]);
    expect(await dialogFits(dialog)).toBe(true);
    await feed.scrollIntoViewIfNeeded();
    await shot(p, 'phone-feed-de-360x640');

    await feed.getByTestId('feed-end').click();
    await expect.poll(async () => (await feed.textContent()) ?? '').toContain('Das Abo ist beendet');
    expect(await focused(p)).not.toBe('BODY');
    expect((await fetch(url)).status).toBe(404);
    await p.keyboard.press('Escape');
    // The facilitator's token was never needed for any of this.
    expect(facilitator.token).not.toBe(partner.token);
  });

  it('in Arabic the dialog reads right to left and fits the phone; a cancelled meeting leaves "next"', async () => {
    const f = laptop.page;
    const p = phone.page;
    await p.getByTestId('language-select').first().selectOption('ar');
    await p.waitForFunction(() => document.documentElement.dir === 'rtl');
    const next = p.getByTestId('next-meeting');
    expect(await next.textContent()).toContain('الاجتماع القادم');
    await p.getByTestId('next-meeting-open').click();
    const dialog = p.locator(OPEN_DIALOG);
    await dialog.getByTestId('meeting-item').waitFor();
    expect(await sideOverflow(p)).toEqual([]);
    expect(await dialogFits(dialog)).toBe(true);
    await shot(p, 'phone-dialog-ar-360x640');

    // The facilitator cancels; the phone's list marks it, and the board's line is gone.
    const fDialog = f.locator(OPEN_DIALOG);
    const item = fDialog.getByTestId('meeting-item');
    await item.getByTestId('meeting-cancel').click();
    // The question starts on its harmless answer.
    expect(await focused(f)).not.toBe('meeting-cancel-confirm');
    await item.getByTestId('meeting-cancel-confirm').click();
    await expect.poll(() => focused(f)).toBe('meetings-status');
    expect(await fDialog.getByTestId('meetings-status').textContent()).toContain('abgesagt');
    await dialog.getByTestId('meeting-cancelled').waitFor();
    expect(await dialog.getByTestId('meeting-cancelled').textContent()).toBe('ملغى');
    await p.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => next.count()).toBe(0);
    // The line that opened the dialog is gone: focus lands on the toolbar's button, not on the page.
    await expect.poll(() => focused(p)).toBe('meetings-button');
    const cancelled = await fetch(
      `${server.url}/api/boards/${partner.boardId}/meetings/${await item.getAttribute('data-meeting-id')}.ics`,
      { headers: { authorization: `Bearer ${partner.token}` } },
    );
    const calendar = new ICAL.Component(ICAL.parse(await cancelled.text()));
    expect(calendar.getFirstSubcomponent('vevent')?.getFirstPropertyValue('status')).toBe('CANCELLED');
    await shot(f, 'laptop-cancelled-de-1280x800');
    await p.getByTestId('language-select').first().selectOption('de');
    for (const session of [laptop, phone]) expect(session.errors).toEqual([]);
  });
});
