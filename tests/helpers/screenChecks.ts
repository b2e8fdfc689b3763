import type { Page } from 'playwright-core';

/**
 * What sticks out sideways at this viewport: the page scrolls horizontally, or a visible element reaches past
 * either edge (in RTL an overflow goes out on the left, where no scrollbar shows it). Inside a scroll box (the
 * phone's toolbar scrolls sideways by design) only the box itself must fit.
 */
export const sideOverflow = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const problems: string[] = [];
    const width = window.innerWidth;
    if (document.documentElement.scrollWidth > width) {
      problems.push(`page scrolls: ${document.documentElement.scrollWidth} > ${width}`);
    }
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
      const box = el.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) continue; // visually hidden helpers
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.position === 'fixed') continue;
      if (el.closest('dialog:not([open]), .skip-link')) continue;
      let scroller: HTMLElement | null = el.parentElement;
      while (scroller && scroller !== document.body && getComputedStyle(scroller).overflowX === 'visible') {
        scroller = scroller.parentElement;
      }
      if (scroller && scroller !== document.body) continue;
      if (box.right > width + 1 || box.left < -1) {
        problems.push(
          `${el.tagName.toLowerCase()}.${el.className}: ${Math.round(box.left)}…${Math.round(box.right)}`,
        );
      }
    }
    return problems;
  });

/**
 * Text that a box with hidden or clipped overflow cuts off sideways: a long word in a narrow button or label.
 * Scroll containers (auto/scroll) are meant to be scrolled and are left out, as are visually hidden helpers.
 */
export const cutText = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const problems: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
      const style = getComputedStyle(el);
      if (style.overflowX !== 'hidden' && style.overflowX !== 'clip') continue;
      const box = el.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1 || style.visibility === 'hidden') continue;
      if (!el.checkVisibility()) continue;
      const ownText = Array.from(el.childNodes).some(
        (node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '',
      );
      const text = (el.textContent ?? '').trim();
      if (!text || (!ownText && el.children.length > 3)) continue;
      if (el.scrollWidth > el.clientWidth + 1) {
        problems.push(
          `${el.tagName.toLowerCase()}.${el.className} "${text.slice(0, 40)}": ${el.scrollWidth} > ${el.clientWidth}`,
        );
      }
    }
    return problems;
  });

/**
 * Visible words (and accessible names, placeholders, tooltips) that are message keys of the catalogue: a message
 * missing from the active language shows its key (client/src/i18n/translate.ts).
 */
export const rawKeys = (page: Page, keys: readonly string[]): Promise<string[]> =>
  page.evaluate((keyList) => {
    const known = new Set(keyList);
    const found = new Set<string>();
    const check = (text: string | null) => {
      for (const word of (text ?? '').split(/\s+/)) {
        const bare = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
        if (known.has(bare)) found.add(bare);
      }
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (parent?.checkVisibility()) check(node.textContent);
    }
    for (const el of Array.from(document.body.querySelectorAll('[aria-label], [placeholder], [title]'))) {
      for (const name of ['aria-label', 'placeholder', 'title']) check(el.getAttribute(name));
    }
    return [...found];
  }, keys);
