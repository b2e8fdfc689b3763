import type { Page } from 'playwright-core';

/**
 * What of the projector's focused goal is cut, as readable problems (none = all of it shows): its scroll box fits
 * (no "continues" fallback needed), no element hides overflowing content, none ends in an ellipsis or a line
 * clamp, and all of it lies on the screen.
 */
export const cutText = (page: Page): Promise<string[]> =>
  page.getByTestId('present-focus').evaluate((focus) => {
    const problems: string[] = [];
    const body = focus.querySelector<HTMLElement>('[data-testid=present-focus-body]');
    if (!body) return ['no focus body'];
    if (body.dataset.overflowing !== 'false') problems.push('the focus body needs to scroll');
    for (const el of [focus, ...Array.from(focus.querySelectorAll<HTMLElement>('*'))]) {
      const style = getComputedStyle(el);
      const name = `${el.tagName.toLowerCase()}.${el.className}`;
      if (style.textOverflow === 'ellipsis') problems.push(`${name}: ellipsis`);
      if (style.webkitLineClamp !== 'none' && style.webkitLineClamp !== '')
        problems.push(`${name}: line clamp`);
      if (style.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1)
        problems.push(`${name}: ${el.scrollWidth - el.clientWidth}px cut on the side`);
      if (style.overflowY !== 'visible' && el.scrollHeight > el.clientHeight + 1)
        problems.push(`${name}: ${el.scrollHeight - el.clientHeight}px cut below`);
      const box = el.getBoundingClientRect();
      if (box.bottom > window.innerHeight + 1 || box.right > window.innerWidth + 1)
        problems.push(`${name}: off the screen`);
    }
    return problems;
  });

/** The computed font size in px of the first element with this test id. */
export const fontPx = (page: Page, testId: string): Promise<number> =>
  page
    .getByTestId(testId)
    .first()
    .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
