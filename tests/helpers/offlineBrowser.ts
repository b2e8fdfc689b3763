import type { Page } from 'playwright-core';
import * as Y from 'yjs';

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

/**
 * The board document as this browser's IndexedDB holds it (y-indexeddb writes each update asynchronously): a test
 * that reloads right after typing first waits until the copy has the edit, as a person's closed tab would need.
 */
export async function storedBoardDoc(page: Page, boardId: string): Promise<Y.Doc> {
  const updates = await page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      const store = db.transaction('updates', 'readonly').objectStore('updates');
      const all = await new Promise<unknown[]>((resolve, reject) => {
        const request = store.getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      return all.map((update) => Array.from(update as Uint8Array));
    } finally {
      db.close();
    }
  }, `common-ground.board.${boardId}`);
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, Uint8Array.from(update));
  return doc;
}
