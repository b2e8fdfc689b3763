import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser, seriousA11yViolations } from '../helpers/browser';
import { createBoard, createInviteLink, joinAsNewPartner } from '../helpers/browserFlows';
import { startTestServer, type TestServer } from '../helpers/server';

// Needs the built client: `npm run test:browser` builds first.
const RESULTS = path.resolve('test-results');
const GOAL_TITLE = 'Spielplatz am Südpark sanieren';
const GOAL_DESCRIPTION = 'Neue Spielgeräte und Bänke, gemeinsam mit den Kindern geplant.';
const CONCERN = 'Die Pflege der Bänke muss geklärt sein, bevor wir bauen.';

const card = (page: Page, column: string) =>
  page.getByTestId(`column-${column}`).getByTestId('goal-card').filter({ hasText: GOAL_TITLE });

describe('consensus round in the browser: facilitator, a partner on a phone, a partner on a laptop', () => {
  let server: TestServer;
  let facilitator: BrowserSession;
  let phone: BrowserSession;
  let laptop: BrowserSession;

  beforeAll(async () => {
    await fs.mkdir(RESULTS, { recursive: true });
    server = await startTestServer();
    facilitator = await launchBrowser({ viewport: { width: 1280, height: 800 } });
    phone = await launchBrowser({ viewport: { width: 390, height: 844 } });
    laptop = await launchBrowser({ viewport: { width: 1280, height: 800 } });
  });

  afterAll(async () => {
    await facilitator?.close();
    await phone?.close();
    await laptop?.close();
    await server?.close();
  });

  it('opens a round from a card, takes stances with reasons, closes it as agreed and prints the agreement', async () => {
    const f = facilitator.page;
    const p = phone.page;
    const l = laptop.page;

    // The facilitator creates the board and a partner invitation; two partners join.
    await createBoard(f, server.url, 'Runder Tisch Südstadt 2027', 'Maria Schulz');
    const inviteUrl = await createInviteLink(f);
    await joinAsNewPartner(
      p,
      inviteUrl,
      'Ayşe Demir',
      {
        name: 'Mieterinitiative Südstadt',
        kind: 'residents',
      },
      f,
    );
    await joinAsNewPartner(l, inviteUrl, 'Jonas Weber', { name: 'Wohnungsbau Süd eG', kind: 'housing' }, f);
    await f.getByTestId('presence').getByText('Ayşe Demir').waitFor();
    await f.getByTestId('presence').getByText('Jonas Weber').waitFor();

    // The facilitator proposes a goal and marks it ready for a round.
    await f.getByTestId('propose-goal').click();
    await f.getByTestId('propose-title').fill(GOAL_TITLE);
    await f.getByTestId('propose-description').fill(GOAL_DESCRIPTION);
    await f.getByTestId('propose-submit').click();
    await card(f, 'proposed').getByTestId('goal-open').click();
    await f.getByTestId('goal-stage-select').selectOption('ready');
    await f.keyboard.press('Escape');

    // ...and opens the round from the card.
    await card(f, 'ready').getByTestId('card-open-round').click();
    const dialog = f.getByTestId('goal-dialog');
    await dialog.getByTestId('open-round-form').waitFor();
    await dialog.getByTestId('visibility-open').check();
    await dialog.getByTestId('open-round-submit').click();
    await dialog.getByTestId('open-round').waitFor();
    await expect
      .poll(() => dialog.getByTestId('tally-summary').textContent())
      .toBe('0 von 2 Partner/innen haben geantwortet');
    await f.keyboard.press('Escape');
    await expect
      .poll(() => card(f, 'ready').getByTestId('round-badge').textContent())
      .toContain('Konsensrunde läuft');

    // On the phone, the card offers the stance form; a concern without a reason is refused by the form.
    await card(p, 'ready').getByTestId('card-give-stance').click();
    const phoneDialog = p.getByTestId('goal-dialog');
    await phoneDialog.getByTestId('frozen-wording').getByText(GOAL_TITLE).waitFor();
    await phoneDialog.getByTestId('stance-concerns').click();
    await phoneDialog.getByTestId('stance-submit').click();
    await expect
      .poll(() => phoneDialog.getByTestId('reason-error').textContent())
      .toContain('Begründung nötig');
    const stanceBox = await phoneDialog.getByTestId('stance-agree').boundingBox();
    expect(stanceBox?.height).toBeGreaterThanOrEqual(44);
    expect(stanceBox?.width).toBeGreaterThan(300);
    // What the person sees at that moment: the choices, the error and the reason field on one phone screen.
    await phoneDialog.getByTestId('stance-concerns').scrollIntoViewIfNeeded();
    await phoneDialog.getByTestId('stance-concerns').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await p.screenshot({ path: path.join(RESULTS, 'stance-form-390x844.png') });
    await phoneDialog.getByTestId('stance-reason').fill(CONCERN);
    await phoneDialog.getByTestId('stance-submit').click();
    await expect.poll(() => phoneDialog.getByTestId('current-stance').textContent()).toContain('Bedenken');
    expect(await seriousA11yViolations(p)).toEqual([]);
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await p.keyboard.press('Escape');

    // The other partner agrees.
    await card(l, 'ready').getByTestId('card-give-stance').click();
    await l.getByTestId('goal-dialog').getByTestId('stance-agree').click();
    await l.getByTestId('goal-dialog').getByTestId('stance-submit').click();
    await l.getByTestId('goal-dialog').getByTestId('current-stance').waitFor();
    await l.keyboard.press('Escape');

    // The facilitator's screen shows the tally with names (an open round), live.
    await expect
      .poll(() => card(f, 'ready').getByTestId('round-badge').textContent())
      .toContain('2 von 2 Partner/innen haben geantwortet');
    await card(f, 'ready').getByTestId('card-show-round').click();
    const grid = dialog.getByTestId('tally-grid');
    await grid.getByText(CONCERN).waitFor();
    expect(await grid.getByTestId('tally-row').count()).toBe(2);
    expect(await dialog.getByTestId('tally-concerns').textContent()).toContain('1');
    expect(await dialog.getByTestId('tally-agree').textContent()).toContain('1');
    expect(await seriousA11yViolations(f)).toEqual([]);
    await dialog
      .getByTestId('round-section')
      .screenshot({ path: path.join(RESULTS, 'facilitator-tally.png') });

    // Closing asks first, then shows the agreement as a moment and moves the card to "Vereinbart".
    await dialog.getByTestId('close-round').click();
    await f.getByTestId('close-round-dialog').getByTestId('confirm').click();
    await expect
      .poll(() => dialog.getByTestId('round-section').getByTestId('outcome-banner').textContent())
      .toMatch(/^✓Vereinbart in Runde 1 am /);

    // The agreed goal gets its structure and a comment; the phone partner sees the comment arrive.
    await dialog.getByTestId('structure-lead').selectOption({ label: 'Mieterinitiative Südstadt' });
    const commitment = dialog.getByTestId('structure-commitment').last();
    await commitment.fill('Stellt Bänke und übernimmt die Pflege.');
    await commitment.blur();
    await dialog.getByTestId('comment-input').fill('Danke an alle – wir starten im Frühjahr.');
    await dialog.getByTestId('comment-submit').click();
    // The author's name in the comment's heading (the facilitator's hide button names the author too).
    await dialog
      .getByTestId('comment')
      .locator('.comment-meta strong', { hasText: 'Maria Schulz' })
      .waitFor();
    await f.keyboard.press('Escape');
    const agreedCard = card(f, 'agreed');
    await agreedCard.getByText('Federführung: Mieterinitiative Südstadt').waitFor();
    await card(p, 'agreed').getByTestId('goal-open').click();
    await p.getByTestId('goal-dialog').getByText('wir starten im Frühjahr', { exact: false }).waitFor();
    await p.keyboard.press('Escape');
    await agreedCard.getByTestId('card-concerns').getByText(CONCERN).waitFor();
    expect(await card(f, 'ready').count()).toBe(0);
    await card(p, 'agreed').waitFor();
    await card(l, 'agreed').waitFor();
    await f.screenshot({ path: path.join(RESULTS, 'board-agreed-1280x800.png'), fullPage: true });

    // The cooperation agreement renders it and prints to a PDF.
    await f.getByTestId('agreement-link').click();
    const goal = f.getByTestId('agreement-goal');
    await goal.getByText(GOAL_TITLE).waitFor();
    expect(await goal.textContent()).toContain(CONCERN);
    expect(await goal.textContent()).toContain('Mieterinitiative Südstadt');
    // Lead and commitment came after the agreement: the agreement shows them as changes, not as agreed.
    const changes = goal.getByTestId('agreement-changes');
    expect(await changes.textContent()).toContain(
      'Beitrag von Wohnungsbau Süd eG: vereinbart kein Beitrag, jetzt „Stellt Bänke und übernimmt die Pflege.“',
    );
    expect(await changes.textContent()).toContain(
      'Federführung: vereinbart keine Federführung, jetzt Mieterinitiative Südstadt',
    );
    await f.getByTestId('markdown-download').waitFor();
    // Place and date are typed in for the paper; every confirmed partner gets a signature block; the health
    // check is attached only on request.
    await f.getByTestId('agreement-place').fill('Leipzig');
    await f.getByTestId('agreement-date').fill('2027-03-12');
    // Organisation names carry soft hyphens for clean line breaks.
    const signatures = (await f.getByTestId('agreement-signature').allTextContents())
      .join(' | ')
      .replaceAll('\u00ad', '');
    expect(signatures).toContain('Mieterinitiative Südstadt');
    expect(signatures).toContain('Wohnungsbau Süd eG');
    expect(await f.getByTestId('agreement-signature').count()).toBe(2);
    expect(await f.getByTestId('agreement-with-health').isChecked()).toBe(false);
    expect(await f.getByTestId('health-appendix').count()).toBe(0);
    expect(await seriousA11yViolations(f)).toEqual([]);
    await f.screenshot({ path: path.join(RESULTS, 'agreement-1280x800.png'), fullPage: true });
    const pdf = path.join(RESULTS, 'agreement.pdf');
    await f.pdf({ path: pdf, format: 'A4', printBackground: true });
    await promisify(execFile)('pdftoppm', ['-png', '-r', '60', pdf, path.join(RESULTS, 'agreement')]);
    const { stdout: printed } = await promisify(execFile)('pdftotext', ['-layout', pdf, '-']);
    expect(printed).toContain('Leipzig');
    expect(printed).toContain('12.03.2027');
    expect(printed.match(/Name in Druckschrift/g)).toHaveLength(2);
    expect(printed).not.toContain('Gesundheitscheck anhängen');
    expect(printed).not.toContain('Wie diese Vereinbarung entstanden ist');

    expect(facilitator.errors).toEqual([]);
    expect(phone.errors).toEqual([]);
    expect(laptop.errors).toEqual([]);
  });
});
