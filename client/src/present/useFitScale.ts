import { type RefObject, useLayoutEffect, useState } from 'react';
import { largestFitting } from './roomView';

const fitsIn = (el: HTMLElement): boolean =>
  el.scrollHeight <= el.clientHeight + 1 && el.scrollWidth <= el.clientWidth + 1;

/**
 * Sizes the content of `ref` to its box: sets `--fit` (a scale from `min` to `max` that the CSS applies to the
 * large type, with its own floor in px) to the largest value at which nothing overflows. Runs again when `content`
 * changes and when the box is resized. Returns whether it still overflows at `min`: the box then scrolls, and the
 * caller says so, so that nothing is ever cut silently.
 */
export function useFitScale(
  ref: RefObject<HTMLElement | null>,
  content: unknown,
  min: number,
  max: number,
): boolean {
  const [overflowing, setOverflowing] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: new `content` is the very reason to measure again.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const fit = () => {
      const scale = largestFitting(
        (s) => {
          el.style.setProperty('--fit', String(s));
          return fitsIn(el);
        },
        min,
        max,
      );
      el.style.setProperty('--fit', String(scale));
      setOverflowing(!fitsIn(el));
    };
    fit();
    let width = el.clientWidth;
    let height = el.clientHeight;
    const observer = new ResizeObserver(() => {
      // Only the box's own size: a change of scale inside it must not start another round of measuring.
      if (el.clientWidth === width && el.clientHeight === height) return;
      width = el.clientWidth;
      height = el.clientHeight;
      fit();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, content, min, max]);
  return overflowing;
}
