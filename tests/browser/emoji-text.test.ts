import { goalText, proposeGoal } from '@common-ground/shared/schema';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser } from '../helpers/browser';
import { createBoard, createInviteLink, joinAsNewPartner } from '../helpers/browserFlows';
import { type BoardClient, connectBoard } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';
import { plainText } from '../helpers/softHyphens';

// Needs the built client: `npm run test:browser` builds first.
const TITLE = 'Sommerfest 😀';
const DESCRIPTION = 'Gäste aus 🇩🇪 und Familien 👨‍👩‍👧 willkommen';

/** Puts the caret right before `before` in the field, then selects the character after it with Shift+→. */
async function selectCharacterBefore(page: Page, field: Locator, before: string): Promise<void> {
  await field.click();
  await field.evaluate((element: HTMLInputElement | HTMLTextAreaElement, text) => {
    const at = element.value.indexOf(text);
    if (at < 0) throw new Error(`"${text}" not in the field`);
    element.setSelectionRange(at, at);
  }, before);
  await page.keyboard.press('Shift+ArrowRight');
}

const selected = (field: Locator) =>
  field.evaluate((element: HTMLInputElement | HTMLTextAreaElement) =>
    element.value.slice(element.selectionStart ?? 0, element.selectionEnd ?? 0),
  );

describe('emoji, flags and ZWJ sequences typed over a selection', () => {
  let server: TestServer;
  let editor: BrowserSession;
  let viewer: BrowserSession;
  let plain: BoardClient;
  let goalId: string;

  beforeAll(async () => {
    server = await startTestServer();
    editor = await launchBrowser();
    viewer = await launchBrowser();
    await createBoard(editor.page, server.url, 'Runder Tisch Südstadt', 'Maria Schulz');
    const [remembered] = JSON.parse(
      (await editor.page.evaluate(() => localStorage.getItem('common-ground.boards'))) ?? '[]',
    ) as { boardId: string; token: string; participantId: string }[];
    if (!remembered) throw new Error('board not remembered');
    plain = connectBoard(server.url, remembered.boardId, remembered.token);
    await plain.synced;
    goalId = proposeGoal(plain.doc, {
      title: TITLE,
      description: DESCRIPTION,
      createdBy: remembered.participantId,
      now: Date.now(),
    });
    const invite = await createInviteLink(editor.page);
    await joinAsNewPartner(
      viewer.page,
      invite,
      'Ayşe Demir',
      {
        name: 'Mieterinitiative',
        kind: 'residents',
      },
      editor.page,
    );
    await viewer.page.getByTestId('goal-card').filter({ hasText: 'Sommerfest' }).waitFor();
  });

  afterAll(async () => {
    plain?.destroy();
    await editor?.close();
    await viewer?.close();
    await server?.close();
  });

  /** The editing field, the card on the other device and the plain client's Y.Text all show `expected`. */
  async function expectEverywhere(field: Locator, which: 'title' | 'description', expected: string) {
    expect(await field.inputValue()).toBe(expected);
    const card = viewer.page.locator(`[data-goal-id="${goalId}"]`);
    const onViewer = which === 'title' ? card.getByTestId('goal-open') : card.locator('.goal-excerpt');
    await expect.poll(() => plainText(onViewer)).toBe(expected);
    await expect.poll(() => goalText(plain.doc, goalId, which)?.toString()).toBe(expected);
  }

  it('keeps the shared text equal to what the person sees', async () => {
    const page = editor.page;
    await page.locator(`[data-goal-id="${goalId}"]`).getByTestId('goal-open').click();
    const title = page.getByTestId('goal-title-input');
    const description = page.getByTestId('goal-description-input');
    await expect.poll(() => title.inputValue()).toBe(TITLE);

    // 😀 selected, 😃 typed over it: both start with the same UTF-16 unit.
    await title.click();
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+ArrowLeft');
    expect(await selected(title)).toBe('😀');
    await page.keyboard.insertText('😃');
    await expectEverywhere(title, 'title', 'Sommerfest 😃');

    // A skin-toned thumb and a flag added, then the flag deleted with Backspace.
    await page.keyboard.insertText(' 👍🏽🇦🇹');
    await expectEverywhere(title, 'title', 'Sommerfest 😃 👍🏽🇦🇹');
    await page.keyboard.press('Backspace');
    await expectEverywhere(title, 'title', 'Sommerfest 😃 👍🏽');

    // In the description: 🇩🇪 becomes 🇦🇹 (same first unit), the girl of the family becomes a boy (ZWJ sequence).
    await selectCharacterBefore(page, description, '🇩🇪');
    expect(await selected(description)).toBe('🇩🇪');
    await page.keyboard.insertText('🇦🇹');
    await expectEverywhere(description, 'description', 'Gäste aus 🇦🇹 und Familien 👨‍👩‍👧 willkommen');

    await selectCharacterBefore(page, description, '👨‍👩‍👧');
    expect(await selected(description)).toBe('👨‍👩‍👧');
    await page.keyboard.insertText('👨‍👩‍👦');
    await expectEverywhere(description, 'description', 'Gäste aus 🇦🇹 und Familien 👨‍👩‍👦 willkommen');

    // An accent typed as a combining mark joins the letter before it.
    await description.press('End');
    await page.keyboard.insertText(' Cafe\u0301');
    await expectEverywhere(
      description,
      'description',
      'Gäste aus 🇦🇹 und Familien 👨‍👩‍👦 willkommen Cafe\u0301',
    );

    for (const text of [
      await title.inputValue(),
      await description.inputValue(),
      await viewer.page.locator(`[data-goal-id="${goalId}"]`).textContent(),
      goalText(plain.doc, goalId, 'title')?.toString(),
      goalText(plain.doc, goalId, 'description')?.toString(),
    ]) {
      expect(text).not.toContain('\uFFFD');
      expect(text).not.toMatch(/\p{Surrogate}/u);
    }
    expect(editor.errors).toEqual([]);
    expect(viewer.errors).toEqual([]);
  });
});
