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

export const statusLocator = (page: Page, attributes: string) =>
  page.locator(`[data-testid=connection-status]${attributes}`);

/** Opens the goal's dialog from its card, types at the end of its description and closes the dialog. */
export async function appendToDescription(page: Page, goalTitle: string, text: string): Promise<void> {
  await page.getByTestId('goal-card').filter({ hasText: goalTitle }).getByTestId('goal-open').click();
  const input = page.getByTestId('goal-dialog').getByTestId('goal-description-input');
  await input.click();
  await input.press('End');
  await input.pressSequentially(text);
  await page.keyboard.press('Escape');
}

/** Creates a board on the landing page and waits until it is live. */
export async function createBoard(page: Page, url: string, title: string, name?: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByTestId('board-title-input').fill(title);
  if (name) await page.getByTestId('your-name-input').fill(name);
  await page.getByTestId('create-board').click();
  await statusLocator(page, '[data-status=live]').waitFor();
}

/** Proposes a goal with a description through the board's dialog. */
export async function proposeGoal(page: Page, title: string, description: string): Promise<void> {
  await page.getByTestId('propose-goal').click();
  await page.getByTestId('propose-title').fill(title);
  await page.getByTestId('propose-description').fill(description);
  await page.getByTestId('propose-submit').click();
  await page.getByTestId('goal-card').filter({ hasText: title }).waitFor();
}
