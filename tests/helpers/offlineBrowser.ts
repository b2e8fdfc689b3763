import type { Page } from 'playwright-core';

export interface StoredBoard {
  readonly boardId: string;
  readonly token: string;
  readonly participantId: string;
}

/** The board this browser profile remembers (as the app stored it in localStorage). */
export async function rememberedBoard(page: Page): Promise<StoredBoard> {
  const boards = await page.evaluate(() => JSON.parse(localStorage.getItem('common-ground.boards') ?? '[]'));
  const [board] = boards as StoredBoard[];
  if (!board) throw new Error('no remembered board in this browser');
  return board;
}

/** Resolves once a service worker controls the page (the first install claims the open page). */
export async function serviceWorkerControls(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
    timeout: 20_000,
  });
}

/** Opens the goal's dialog from its card, types at the end of its description and closes the dialog. */
export async function appendToDescription(page: Page, goalTitle: string, text: string): Promise<void> {
  await page.getByTestId('goal-card').filter({ hasText: goalTitle }).getByTestId('goal-open').click();
  const input = page.getByTestId('goal-dialog').getByTestId('goal-description-input');
  await input.click();
  await input.press('End');
  await input.pressSequentially(text);
  await page.keyboard.press('Escape');
}
