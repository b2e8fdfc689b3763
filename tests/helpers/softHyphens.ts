import type { Locator } from 'playwright-core';

/**
 * Titles, names and explanations carry soft hyphens (U+00AD) for line breaking (client/src/app/hyphenation.ts).
 * Playwright's text matchers (getByText, hasText) ignore them, but textContent does not: compare text as written.
 */
export const stripSoftHyphens = (text: string | null | undefined): string =>
  (text ?? '').replaceAll('\u00ad', '');

/** The element's text without soft hyphens. */
export const plainText = async (locator: Locator): Promise<string> =>
  stripSoftHyphens(await locator.textContent());

/** Each element's text without soft hyphens. */
export const plainTexts = async (locator: Locator): Promise<string[]> =>
  (await locator.allTextContents()).map(stripSoftHyphens);
