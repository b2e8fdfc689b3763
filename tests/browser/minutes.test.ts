import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser, seriousA11yViolations } from '../helpers/browser';
import { createBoard, createInviteLink, joinAsNewPartner, proposeGoal } from '../helpers/browserFlows';
import { rememberedBoard, type StoredBoard } from '../helpers/offlineBrowser';
import { roundOf, roundsApi } from '../helpers/roundsApi';
import { sideOverflow } from '../helpers/screenChecks';
import { startTestServer, type TestServer } from '../helpers/server';

// Needs the built client: `npm run test:browser` builds first.
const RESULTS = path.resolve('test-results');
const run = promisify(execFile);
const PLAYGROUND = 'Spielplatz am Südpark sanieren';
const BUDGET = 'Gemeinsamer Topf für Nachbarschaftsfeste';
const OBJECTION = 'Die Finanzierung ist noch nicht geklärt.';
const STEP = 'Finanzierungsplan für den Topf vorlegen';
const GUEST = 'Herr Yılmaz';
const COMMENT = 'Bitte den Termin für den Finanzierungsplan noch einmal prüfen.';
/** A due day a month ahead, as the date field takes it. */
const DUE = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

/** The test id of the focused element, to see that focus went somewhere meaningful (never <body>). */
const focused = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);

describe('minutes: attendance, both rounds, next steps, comments, finalised and printed', () => {
  let server: TestServer;
  let laptop: BrowserSession;
  let phone: BrowserSession;
  let tablet: BrowserSession;
  let beamer: BrowserSession;
  let facilitator: StoredBoard;
  let tenants: StoredBoard;
  let housing: StoredBoard;
  let meetingId = '';

  const minutesUrl = (board: StoredBoard) => `${server.url}/b/${board.boardId}/minutes/${meetingId}`;

  beforeAll(async () => {
    await fs.mkdir(RESULTS, { recursive: true });
    server = await startTestServer();
    laptop = await launchBrowser({ viewport: { width: 1280, height: 800 } });
    phone = await launchBrowser({ viewport: { width: 360, height: 640 } });
    tablet = await launchBrowser({ viewport: { width: 1024, height: 768 } });
    beamer = await launchBrowser({ viewport: { width: 1280, height: 800 } });
    const f = laptop.page;
    await createBoard(f, server.url, 'Runder Tisch Südstadt', 'Maria Schulz');
    await joinAsNewPartner(
      phone.page,
      await createInviteLink(f),
      'Ayşe Demir',
      { name: 'Nachbarschaftsinitiative', kind: 'residents' },
      f,
    );
    await joinAsNewPartner(
      tablet.page,
      await createInviteLink(f),
      'Jonas Weber',
      { name: 'Wohnungsbau eG', kind: 'housing' },
      f,
    );
    await beamer.page.goto(await createInviteLink(f, 'observer'));
    await beamer.page.getByTestId('join-name').fill('Beamer Saal 1');
    await beamer.page.getByTestId('join-submit').click();
    await beamer.page.getByTestId('read-only-note').waitFor();
    facilitator = await rememberedBoard(f);
    tenants = await rememberedBoard(phone.page);
    housing = await rememberedBoard(tablet.page);

    // The meeting began half an hour ago and goes on: everyone connected now was there.
    const start = Date.now() - 30 * 60_000;
    await proposeGoal(phone.page, PLAYGROUND);
    await proposeGoal(f, BUDGET);
    const goalId = async (title: string) =>
      (await f.getByTestId('goal-card').filter({ hasText: title }).getAttribute('data-goal-id')) ?? '';
    const [playground, budget] = [await goalId(PLAYGROUND), await goalId(BUDGET)];
    const created = await fetch(`${server.url}/api/boards/${facilitator.boardId}/meetings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${facilitator.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Runder Tisch im Dezember',
        start,
        end: start + 2 * 3_600_000,
        place: 'Stadtteiltreff, Marktstraße 5',
        agenda: [
          { kind: 'item', text: 'Begrüßung' },
          { kind: 'goal', goalId: playground },
          { kind: 'goal', goalId: budget },
        ],
      }),
    });
    expect(created.status).toBe(201);
    meetingId = ((await created.json()) as { id: string }).id;
    // An earlier meeting, over: the dialog lists it under the past ones, with its minutes.
    const earlier = Date.now() - 20 * 86_400_000;
    const past = await fetch(`${server.url}/api/boards/${facilitator.boardId}/meetings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${facilitator.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Runder Tisch im November', start: earlier, end: earlier + 7_200_000 }),
    });
    expect(past.status).toBe(201);

    // Two rounds: one agreed, one with an objection and its reason.
    const rounds = roundsApi(server.url);
    const { boardId } = facilitator;
    const first = roundOf(await rounds.open(boardId, facilitator.token, { goalId: playground }), 201);
    roundOf(await rounds.stance(boardId, first.id, tenants.token, { stance: 'agree' }), 201);
    roundOf(await rounds.stance(boardId, first.id, housing.token, { stance: 'agree' }), 201);
    roundOf(await rounds.close(boardId, first.id, facilitator.token), 200);
    const second = roundOf(await rounds.open(boardId, facilitator.token, { goalId: budget }), 201);
    roundOf(await rounds.stance(boardId, second.id, tenants.token, { stance: 'agree' }), 201);
    roundOf(
      await rounds.stance(boardId, second.id, housing.token, { stance: 'object', reason: OBJECTION }),
      201,
    );
    roundOf(await rounds.close(boardId, second.id, facilitator.token), 200);
  });

  afterAll(async () => {
    for (const session of [laptop, phone, tablet, beamer]) await session?.close();
    await server?.close();
  });

  it('the facilitator opens the draft from the meetings dialog, corrects attendance and adds a next step', async () => {
    const f = laptop.page;
    await f.getByTestId('meetings-button').click();
    const dialog = f.locator('dialog[open][data-testid=meetings-dialog]');
    const link = dialog.getByTestId('meeting-item').getByTestId('meeting-minutes');
    // The visible word, then (for screen readers) which meeting's.
    expect(await link.textContent()).toBe('Protokoll: Runder Tisch im Dezember');
    await link.click();
    await f.getByTestId('minutes-page').waitFor();
    await f.getByTestId('minutes-attendance').waitFor();
    // Titles carry soft hyphens for clean line breaks.
    expect((await f.getByTestId('minutes-title').textContent())?.replaceAll('\u00ad', '')).toBe(
      'Runder Tisch im Dezember',
    );
    expect(await f.getByTestId('minutes-state').textContent()).toContain('Entwurf');

    // Attendance by organisation, from presence: both partners and, without one, facilitator and observer.
    const attendance = f.getByTestId('minutes-attendance');
    const group = (name: string) => attendance.getByTestId('attendance-group').filter({ hasText: name });
    await expect.poll(async () => group('Nachbarschaftsinitiative').textContent()).toContain('Ayşe Demir');
    expect(await group('Wohnungsbau eG').textContent()).toContain('Jonas Weber');
    expect(await group('Ohne Organisation').textContent()).toContain('Maria Schulz');
    expect(await group('Ohne Organisation').textContent()).toContain('Beamer Saal 1');

    // The observer's screen was no participant of the meeting: taken off; focus on what happened.
    await group('Ohne Organisation')
      .getByTestId('attendee')
      .filter({ hasText: 'Beamer' })
      .getByTestId('attendee-remove')
      .click();
    await expect.poll(() => focused(f)).toBe('minutes-status');
    expect(await f.getByTestId('minutes-status').textContent()).toContain('Beamer Saal 1 steht nicht mehr');
    expect((await attendance.getByTestId('attendee').allTextContents()).join(' ')).not.toContain('Beamer');
    // …and it can be put back on the list from the participants of the board.
    expect(await f.getByTestId('attendance-add-select').locator('option').allTextContents()).toContain(
      'Beamer Saal 1',
    );

    // A guest without a device, for an organisation: an empty name is refused in words first.
    await f.getByTestId('guest-add').click();
    expect(await focused(f)).toBe('guest-name');
    await f.getByTestId('guest-name').fill(GUEST);
    await f.getByTestId('guest-partner').selectOption({ label: 'Wohnungsbau eG' });
    await f.getByTestId('guest-add').click();
    await expect.poll(() => focused(f)).toBe('minutes-status');
    await expect.poll(async () => group('Wohnungsbau eG').textContent()).toContain(`${GUEST} (ohne Gerät)`);

    // Both rounds, with rule, outcome and the objection's reason; the objection is still open.
    const goals = f.getByTestId('minutes-goals');
    const rounds = goals.getByTestId('minutes-round');
    expect(await rounds.count()).toBe(2);
    expect(await goals.getByTestId('minutes-goal').filter({ hasText: PLAYGROUND }).textContent()).toContain(
      'Vereinbart in Runde 1',
    );
    const budget = goals.getByTestId('minutes-goal').filter({ hasText: BUDGET });
    expect(await budget.textContent()).toContain('Einwand in Runde 1');
    expect(await budget.textContent()).toContain(OBJECTION);
    expect(await budget.textContent()).toContain('Vorgeschlagen von Maria Schulz');
    expect(await f.getByTestId('minutes-objections').textContent()).toContain(OBJECTION);
    expect(await f.getByTestId('minutes-agenda').textContent()).toContain('Begrüßung');

    // Another device of the facilitator changes the notes meanwhile: saving here is refused, the page loads the
    // current state and says so in plain words; nothing is overwritten.
    const api = `${server.url}/api/boards/${facilitator.boardId}/meetings/${meetingId}/minutes`;
    const auth = { authorization: `Bearer ${facilitator.token}`, 'content-type': 'application/json' };
    const { version } = (await (await fetch(api, { headers: auth })).json()) as { version: number };
    const elsewhere = await fetch(api, {
      method: 'PUT',
      headers: auth,
      body: JSON.stringify({ version, notes: 'Vom Tablet ergänzt.' }),
    });
    expect(elsewhere.status).toBe(200);
    await f.getByTestId('step-add').click();
    await f.getByTestId('step-text').fill('Wird gleich verworfen');
    await f.getByTestId('minutes-save').click();
    await expect.poll(() => focused(f)).toBe('minutes-status');
    expect(await f.getByTestId('minutes-status').textContent()).toContain('Inzwischen hat jemand anderes');
    expect(await f.getByTestId('minutes-notes-input').inputValue()).toBe('Vom Tablet ergänzt.');
    expect(await f.getByTestId('step-row').count()).toBe(0);
    // A row removed before saving: focus goes to "add a step", which stays, not to the page.
    await f.getByTestId('step-add').click();
    await f.getByTestId('step-remove').click();
    await expect.poll(() => focused(f)).toBe('step-add');

    // A next step: the empty row is refused, then filled in with owner and due day and saved.
    await f.getByTestId('step-add').click();
    await expect.poll(() => focused(f)).toBe('step-text');
    await f.getByTestId('minutes-save').click();
    await expect.poll(() => focused(f)).toBe('step-text');
    await f.getByTestId('step-text').fill(STEP);
    await f.getByTestId('step-owner').selectOption({ label: 'Wohnungsbau eG' });
    await f.getByTestId('step-due').fill(DUE);
    await f.getByTestId('minutes-notes-input').fill('Nächstes Treffen im Januar.');
    await f.getByTestId('minutes-save').click();
    await expect.poll(() => focused(f)).toBe('minutes-status');
    expect(await f.getByTestId('minutes-status').textContent()).toContain('Gespeichert');
    // Saved: the form still shows the step (from the answer), and the printed table has it too.
    expect(await f.getByTestId('step-text').inputValue()).toBe(STEP);
    expect(await f.getByTestId('minutes-next-steps').textContent()).toContain(STEP);

    expect(await sideOverflow(f)).toEqual([]);
    expect(await seriousA11yViolations(f)).toEqual([]);
    await f.screenshot({ path: path.join(RESULTS, 'minutes-draft-1280x800.png'), fullPage: true });
  });

  it('a partner comments from the phone and cannot finalise; the observer only reads', async () => {
    const p = phone.page;
    await p.goto(minutesUrl(tenants));
    await p.getByTestId('minutes-attendance').waitFor();
    expect(await p.getByTestId('minutes-finalise-button').count()).toBe(0);
    expect(await p.getByTestId('minutes-editor').count()).toBe(0);
    expect(await p.getByTestId('attendee-remove').count()).toBe(0);
    expect(await p.getByTestId('minutes-next-steps').textContent()).toContain(STEP);
    await p.getByTestId('comment-text').fill(COMMENT);
    await p.getByTestId('comment-send').click();
    await expect.poll(() => focused(p)).toBe('minutes-status');
    await expect.poll(async () => p.getByTestId('minutes-comments').textContent()).toContain(COMMENT);
    expect(await p.getByTestId('minutes-comment').textContent()).toContain('Ayşe Demir');
    // The server refuses a forged finalisation too (its own tests check the details).
    const forged = await fetch(
      `${server.url}/api/boards/${tenants.boardId}/meetings/${meetingId}/minutes/finalise`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${tenants.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ version: 0 }),
      },
    );
    expect(forged.status).toBe(403);
    expect(await sideOverflow(p)).toEqual([]);
    expect(await seriousA11yViolations(p)).toEqual([]);
    await p.screenshot({ path: path.join(RESULTS, 'minutes-phone-360x640.png') });
    await p
      .getByTestId('minutes-goals')
      .screenshot({ path: path.join(RESULTS, 'minutes-phone-goals-360.png') });

    const b = beamer.page;
    await b.goto(minutesUrl(facilitator));
    await b.getByTestId('minutes-attendance').waitFor();
    await b.getByTestId('minutes-read-only').waitFor();
    expect(
      await b.locator('[data-testid=minutes-page] input, [data-testid=minutes-page] textarea').count(),
    ).toBe(0);
    expect(await b.locator('[data-testid=minutes-page] select').count()).toBe(0);
    expect(await b.getByTestId('minutes-finalise-button').count()).toBe(0);
  });

  it('the facilitator finalises; the page prints to A4 with everything on it', async () => {
    const f = laptop.page;
    // The comment came from another device: a reload shows it.
    await f.reload();
    await f.getByTestId('minutes-comments').filter({ hasText: COMMENT }).waitFor();
    await f.getByTestId('minutes-finalise-button').click();
    // The question starts on its harmless answer.
    expect(await focused(f)).not.toBe('minutes-finalise-confirm');
    expect(await f.getByTestId('minutes-finalise').textContent()).toContain('eingefroren');
    await f.getByTestId('minutes-finalise-confirm').click();
    await expect.poll(() => focused(f)).toBe('minutes-status');
    expect(await f.getByTestId('minutes-state').textContent()).toContain('Abgeschlossen am');
    expect(await f.getByTestId('minutes-state').textContent()).toContain('Maria Schulz');
    expect(await f.getByTestId('minutes-editor').count()).toBe(0);
    expect(await f.getByTestId('comment-text').count()).toBe(0);

    // The board follows from the record: the partner's meetings dialog says the minutes are final.
    const p = phone.page;
    await p.goto(`${server.url}/b/${tenants.boardId}`);
    await p.getByTestId('meetings-button').click();
    const pDialog = p.locator('dialog[open][data-testid=meetings-dialog]');
    const link = pDialog.getByTestId('meeting-item').getByTestId('meeting-minutes');
    await expect
      .poll(async () => link.textContent())
      .toBe('Protokoll (abgeschlossen): Runder Tisch im Dezember');
    const pastItem = pDialog.getByTestId('past-meeting');
    expect(await pastItem.count()).toBe(1);
    expect(await pastItem.getByTestId('meeting-minutes').textContent()).toBe(
      'Protokoll: Runder Tisch im November',
    );
    expect(await sideOverflow(p)).toEqual([]);
    await pastItem.scrollIntoViewIfNeeded();
    await p.screenshot({ path: path.join(RESULTS, 'minutes-meetings-dialog-360x640.png') });
    await p.keyboard.press('Escape');

    // The Markdown file, in the reader's language, has the final minutes too.
    const [download] = await Promise.all([
      f.waitForEvent('download'),
      f.getByTestId('markdown-download').click(),
    ]);
    const markdown = await fs.readFile((await download.path()) ?? '', 'utf8');
    expect(markdown).toContain('Runder Tisch im Dezember');
    expect(markdown).toContain(OBJECTION);
    expect(markdown).toContain(STEP);
    expect(await focused(f)).toBe('markdown-download');
    await f.screenshot({ path: path.join(RESULTS, 'minutes-final-1280x800.png') });
    const pdf = path.join(RESULTS, 'minutes.pdf');
    await f.pdf({ path: pdf, format: 'A4', printBackground: true });
    await run('pdftoppm', ['-png', '-r', '60', pdf, path.join(RESULTS, 'minutes')]);
    const { stdout: printed } = await run('pdftotext', ['-layout', pdf, '-']);
    const text = printed.replaceAll('\u00ad', '').replace(/\s+/g, ' ');
    for (const expected of [
      'Runder Tisch im Dezember',
      'Ayşe Demir',
      'Jonas Weber',
      GUEST,
      'Konsensrunde 1',
      'Vereinbart in Runde 1',
      'Einwand in Runde 1',
      OBJECTION,
      STEP,
      'Wohnungsbau eG',
      COMMENT,
      'Abgeschlossen am',
    ]) {
      expect(text).toContain(expected);
    }
    // Controls stay on the screen.
    expect(text).not.toContain('Drucken');
    expect(text).not.toContain('Von der Liste nehmen');

    // In Arabic the final minutes read right to left and fit the phone.
    await p.goto(minutesUrl(tenants));
    await p.getByTestId('language-select').first().selectOption('ar');
    await p.waitForFunction(() => document.documentElement.dir === 'rtl');
    await expect.poll(async () => p.getByTestId('minutes-state').textContent()).toContain('اعتُمد نهائيًا');
    expect(await sideOverflow(p)).toEqual([]);
    await p.getByTestId('minutes-goals').scrollIntoViewIfNeeded();
    await p.screenshot({ path: path.join(RESULTS, 'minutes-phone-ar-360x640.png') });
    await p.getByTestId('language-select').first().selectOption('de');

    // The one failed request was the conflict the first test brought about on purpose.
    expect(laptop.errors.filter((e) => !e.includes('status of 409'))).toEqual([]);
    for (const session of [phone, tablet, beamer]) expect(session.errors).toEqual([]);
  });
});
