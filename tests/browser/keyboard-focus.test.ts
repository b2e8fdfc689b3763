import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser } from '../helpers/browser';
import { joinAsNewPartner, statusLocator } from '../helpers/browserFlows';
import { startTestServer, type TestServer } from '../helpers/server';

// Needs the built client: `npm run test:browser` builds first.
const FIRST = 'Spielplatz sanieren';
const SECOND = 'Radweg beleuchten';

/** Presses Tab until the focused element matches `selector`, as a person without a mouse reaches a control. */
async function tabTo(page: Page, selector: string, maxPresses = 200): Promise<void> {
  for (let presses = 0; presses <= maxPresses; presses++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Waits until the focused element matches `selector`; it must never be <body> (focus lost). */
async function expectFocusOn(page: Page, selector: string): Promise<void> {
  const focused = () =>
    page.evaluate((s) => {
      const active = document.activeElement;
      if (!active || active === document.body) return 'body';
      return active.matches(s) ? 'expected' : active.outerHTML.slice(0, 200);
    }, selector);
  await expect.poll(focused).toBe('expected');
}

/**
 * Holds the reply to the next facilitation change until the returned function is called. The change itself reaches
 * the server and arrives through the document meanwhile, as it often does before the reply.
 */
async function holdNextFacilitationReply(page: Page): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(
    '**/api/boards/*/facilitation',
    async (route) => {
      const response = await route.fetch();
      await held;
      await route.fulfill({ response });
    },
    { times: 1 },
  );
  return release;
}

async function proposeByKeyboard(page: Page, title: string): Promise<void> {
  await tabTo(page, '[data-testid=propose-goal]');
  await page.keyboard.press('Enter');
  await page.getByTestId('propose-title').waitFor();
  await tabTo(page, '[data-testid=propose-title]');
  await page.keyboard.type(title);
  await page.keyboard.press('Enter');
  await page.getByTestId('goal-card').filter({ hasText: title }).waitFor();
  await expectFocusOn(page, '[data-testid=propose-goal]');
}

describe('keyboard only: the facilitator never loses focus', () => {
  let server: TestServer;
  let browser: BrowserSession;
  let phone: BrowserSession;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' });
    phone = await launchBrowser({ viewport: { width: 360, height: 640 }, locale: 'de-DE' });
  });

  afterAll(async () => {
    await browser?.close();
    await phone?.close();
    await server?.close();
  });

  it('creates a board, invites, sets the focus, opens and closes a round and moves a card, focus always placed', async () => {
    const page = browser.page;

    // Creating the board: its heading takes focus on the new page.
    await page.goto(`${server.url}/`);
    await tabTo(page, '[data-testid=board-title-input]');
    await page.keyboard.type('Runder Tisch Nordstadt');
    await page.keyboard.press('Enter');
    await statusLocator(page, '[data-status=live]').waitFor();
    await expectFocusOn(page, 'h1[data-testid=board-title]');

    await proposeByKeyboard(page, FIRST);
    await proposeByKeyboard(page, SECOND);

    // "Link erstellen": its button gives way to the link, and focus goes to "Link kopieren".
    await tabTo(page, '[data-testid=invite-button]');
    await page.keyboard.press('Enter');
    await page.getByTestId('invite-dialog').getByTestId('invite-list').waitFor();
    await tabTo(page, '[data-testid=invite-partner] [data-testid=invite-create]');
    await page.keyboard.press('Enter');
    await page.getByTestId('invite-partner').getByTestId('invite-url').waitFor();
    await expectFocusOn(page, '[data-testid=invite-partner] [data-testid=invite-copy]');
    const inviteUrl = await page.getByTestId('invite-partner').getByTestId('invite-url').inputValue();
    await page.keyboard.press('Escape');
    await expectFocusOn(page, '[data-testid=invite-button]');

    // A partner joins by phone (a round needs one); the facilitator confirms the organisation by keyboard.
    await joinAsNewPartner(phone.page, inviteUrl, 'Ayşe Demir', {
      name: 'Mieterinitiative Nordstadt',
      kind: 'residents',
    });
    await tabTo(page, '[data-testid=confirm-partner]');
    await page.keyboard.press('Enter');
    await phone.page.locator('[data-testid=membership-status][data-state=member]').waitFor();
    await expectFocusOn(page, '*');

    // A second client (the projector window) records every goal the room is shown in focus.
    const projector = await browser.context.newPage();
    await projector.goto(`${page.url()}/present`);
    await projector.getByTestId('present-overview').waitFor();
    await projector.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { focusSeen: string[] }).focusSeen = seen;
      new MutationObserver(() => {
        const title = (document.querySelector('#present-focus-title')?.textContent ?? '').replaceAll(
          '\u00ad',
          '',
        );
        if (title && seen.at(-1) !== title) seen.push(title);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });

    // Arrow keys choose locally; Enter sets the focus for the room.
    const panel = page.getByTestId('facilitation-panel');
    if (!(await panel.evaluate((details) => (details as HTMLDetailsElement).open))) {
      await tabTo(page, '[data-testid=facilitation-panel] > summary');
      await page.keyboard.press('Enter');
    }
    await tabTo(page, '[data-testid=focus-select]');
    await page.keyboard.press('ArrowDown');
    await page.getByTestId('focus-confirm').waitFor();
    await page.keyboard.press('ArrowDown');
    const select = page.getByTestId('focus-select');
    await expect
      .poll(() => select.evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.text))
      .toBe(SECOND);
    await expectFocusOn(page, '[data-testid=focus-select]');
    await page.keyboard.press('Enter');
    await projector.getByTestId('present-focus').getByText(SECOND).waitFor();
    await expectFocusOn(page, '[data-testid=focus-select]');
    expect(await page.getByTestId('focus-confirm').count()).toBe(0);
    await expect.poll(() => page.getByTestId('focus-announcement').textContent()).toContain(SECOND);
    // Only the confirmed goal ever reached the room: not the first one the arrow passed.
    expect(await projector.evaluate(() => (window as unknown as { focusSeen: string[] }).focusSeen)).toEqual([
      SECOND,
    ]);

    // Resetting the timebox takes its buttons away: focus goes to "Starten". The start's reply is held back: the
    // timebox shown is the one started, so "Zurücksetzen" acts at once.
    const releaseStart = await holdNextFacilitationReply(page);
    await tabTo(page, '[data-testid=timer-start]');
    await page.keyboard.press('Enter');
    await page.getByTestId('timer-reset').waitFor();
    await tabTo(page, '[data-testid=timer-reset]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('timer-reset').count()).toBe(0);
    releaseStart();
    await expectFocusOn(page, '[data-testid=timer-start]');

    // Opening a round: the form gives way to the round, and focus goes to the section's heading.
    const card = page.getByTestId('goal-card').filter({ hasText: SECOND });
    const goalId = await card.getAttribute('data-goal-id');
    await tabTo(page, `[data-goal-id="${goalId}"] [data-testid=goal-open]`);
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('goal-dialog');
    await dialog.getByTestId('open-round-submit').waitFor();
    await tabTo(page, '[data-testid=open-round-submit]');
    await page.keyboard.press('Enter');
    await dialog.getByTestId('open-round').waitFor();
    await expectFocusOn(page, '[data-testid=round-section] h3');
    await expect.poll(() => dialog.getByTestId('round-announcement').textContent()).toContain('eröffnet');

    // Closing it, confirmed in the question: focus goes to the outcome.
    await tabTo(page, '[data-testid=close-round]');
    await page.keyboard.press('Enter');
    await page.getByTestId('close-round-dialog').getByTestId('confirm').waitFor();
    await tabTo(page, '[data-testid=close-round-dialog] [data-testid=confirm]');
    await page.keyboard.press('Enter');
    await dialog.getByTestId('round-section').getByTestId('outcome-banner').waitFor();
    await expectFocusOn(page, '[data-testid=round-section] [data-testid=outcome-banner]');
    await page.keyboard.press('Escape');
    await expectFocusOn(page, `[data-goal-id="${goalId}"] [data-testid=goal-open]`);

    // Moving a card to the next column by keyboard: focus stays on its drag handle in the new place.
    const first = page.getByTestId('goal-card').filter({ hasText: FIRST });
    const firstId = await first.getAttribute('data-goal-id');
    await tabTo(page, `[data-goal-id="${firstId}"] [data-testid=drag-handle]`);
    await page.keyboard.press('Space');
    await page.locator('[data-testid=drag-handle][aria-pressed=true]').waitFor();
    // dnd-kit measures the columns in an effect after the drag starts; an arrow before that is ignored, so it is
    // pressed again only while no column is targeted (it never skips one).
    const over = page.locator('[data-testid=column-discussing].is-over');
    for (let attempt = 0; attempt < 3; attempt++) {
      await page.keyboard.press('ArrowRight');
      const moved = await over.waitFor({ timeout: 5000 }).then(
        () => true,
        () => false,
      );
      if (moved) break;
    }
    await over.waitFor();
    await page.keyboard.press('Space');
    await page.getByTestId('column-discussing').getByText(FIRST).waitFor();
    await expectFocusOn(
      page,
      `[data-testid=column-discussing] [data-goal-id="${firstId}"] [data-testid=drag-handle]`,
    );
    expect(browser.errors).toEqual([]);
  });

  it('keeps focus in the agenda while it is sent, follows a moved goal and announces each change', async () => {
    const page = browser.page;
    const agenda = page.getByTestId('agenda-editor');
    const items = agenda.getByTestId('agenda-item');
    const order = () => items.locator('.choice span').allTextContents();
    const announced = () => agenda.getByTestId('agenda-announcement').textContent();
    const goalIdOf = (title: string) =>
      page.getByTestId('goal-card').filter({ hasText: title }).first().getAttribute('data-goal-id');
    const [firstId, secondId] = [await goalIdOf(FIRST), await goalIdOf(SECOND)];
    const control = (goalId: string | null, action: string) =>
      `[data-testid=agenda-editor] [data-goal-id="${goalId}"][data-agenda-action=${action}]`;

    // Adding: the add button has nothing left to add, so the list takes focus for the next choice.
    for (const [count, title] of [
      [1, FIRST],
      [2, SECOND],
    ] as const) {
      await tabTo(page, '[data-testid=agenda-add-select]');
      // Type-ahead chooses the goal in the closed list, as a keyboard user does.
      await page.keyboard.type(title.slice(0, 4));
      await expect
        .poll(() =>
          page
            .getByTestId('agenda-add-select')
            .evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.text),
        )
        .toBe(title);
      await tabTo(page, '[data-testid=agenda-add]');
      await page.keyboard.press('Enter');
      await expect.poll(() => items.count()).toBe(count);
      await expectFocusOn(page, '[data-testid=agenda-add-select]');
      await expect.poll(announced).toContain(title);
    }
    expect(await order()).toEqual([FIRST, SECOND]);

    // Moving the first goal down: React moves its row, and focus stays on its button in the new place.
    await tabTo(page, control(firstId, 'down'));
    await page.keyboard.press('Enter');
    await expect.poll(order).toEqual([SECOND, FIRST]);
    await expectFocusOn(page, control(firstId, 'down'));
    await expect.poll(announced).toContain('an Stelle 2');
    // At the end of the list the button stays focused: aria-disabled, never disabled.
    expect(await page.locator(control(firstId, 'down')).getAttribute('aria-disabled')).toBe('true');

    // Removing: focus goes to the neighbour's remove button, then to the add list when the agenda is empty.
    // The first removal's reply is held back: the next press must act at once, not be ignored as "still sending".
    const releaseReply = await holdNextFacilitationReply(page);
    await tabTo(page, control(secondId, 'remove'));
    await page.keyboard.press('Enter');
    await expect.poll(order).toEqual([FIRST]);
    await expectFocusOn(page, control(firstId, 'remove'));
    await expect.poll(announced).toContain('nicht mehr');
    await page.keyboard.press('Enter');
    await expect.poll(() => items.count()).toBe(0);
    releaseReply();
    await expectFocusOn(page, '[data-testid=agenda-add-select]');
    expect(browser.errors).toEqual([]);
  });

  it('puts focus on a new one-time link, announced, in the people and device dialogs', async () => {
    const page = browser.page;
    // New access for Ayşe: the question takes focus on "Abbrechen"; the new link's copy button then takes it.
    await tabTo(page, '[data-testid=people-button]');
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('people-dialog');
    await dialog.getByTestId('person-row').filter({ hasText: 'Ayşe Demir' }).waitFor();
    await tabTo(page, '[data-testid=people-dialog] [data-testid=person-reentry]');
    await page.keyboard.press('Enter');
    await expectFocusOn(
      page,
      '[data-testid=people-dialog] .people-confirm button:not([data-testid=confirm])',
    );
    // Cancelling returns focus to the button that asked.
    await page.keyboard.press('Enter');
    await expectFocusOn(page, '[data-testid=people-dialog] [data-testid=person-reentry]');
    await page.keyboard.press('Enter');
    await tabTo(page, '[data-testid=people-dialog] [data-testid=confirm]');
    await page.keyboard.press('Enter');
    await dialog.getByTestId('device-link-url').waitFor();
    await expectFocusOn(page, '[data-testid=people-dialog] [data-testid=device-link-copy]');
    await expect
      .poll(() => dialog.getByTestId('device-link-announcement').textContent())
      .toContain('Link erstellt');
    await page.keyboard.press('Escape');
    await expectFocusOn(page, '[data-testid=people-button]');

    // "Anderes Gerät": the create button gives way to the link, whose copy button takes focus.
    await tabTo(page, '[data-testid=move-device]');
    await page.keyboard.press('Enter');
    await tabTo(page, '[data-testid=device-link-create]');
    await page.keyboard.press('Enter');
    await page.getByTestId('move-device-dialog').getByTestId('device-link-url').waitFor();
    await expectFocusOn(page, '[data-testid=move-device-dialog] [data-testid=device-link-copy]');
    await page.keyboard.press('Escape');
    await expectFocusOn(page, '[data-testid=move-device]');
    expect(browser.errors).toEqual([]);
  });

  it('on a 360 px phone, moves a goal to "In Diskussion" by keyboard alone', async () => {
    const small = await launchBrowser({ viewport: { width: 360, height: 640 }, locale: 'de-DE' });
    try {
      const page = small.page;
      await page.goto(`${server.url}/`);
      await tabTo(page, '[data-testid=board-title-input]');
      await page.keyboard.type('Runder Tisch am Telefon');
      await page.keyboard.press('Enter');
      await statusLocator(page, '[data-status=live]').waitFor();
      await proposeByKeyboard(page, FIRST);
      const goalId = await page
        .getByTestId('goal-card')
        .filter({ hasText: FIRST })
        .getAttribute('data-goal-id');
      await tabTo(page, `[data-goal-id="${goalId}"] [data-testid=drag-handle]`);
      await page.keyboard.press('Space');
      await page.locator('[data-testid=drag-handle][aria-pressed=true]').waitFor();
      const over = page.locator('[data-testid=column-discussing].is-over');
      for (let attempt = 0; attempt < 3; attempt++) {
        await page.keyboard.press('ArrowRight');
        const moved = await over.waitFor({ timeout: 5000 }).then(
          () => true,
          () => false,
        );
        if (moved) break;
      }
      await over.waitFor();
      await page.keyboard.press('Space');
      await page.getByTestId('column-discussing').getByText(FIRST).waitFor();
      await expectFocusOn(
        page,
        `[data-testid=column-discussing] [data-goal-id="${goalId}"] [data-testid=drag-handle]`,
      );
      expect(small.errors).toEqual([]);
    } finally {
      await small.close();
    }
  });
});
