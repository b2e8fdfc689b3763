import type * as Y from 'yjs';

/**
 * Locale-independent cuts; a fixed locale keeps two servers' cuts equal all the same. Made on first use, not at
 * import: a segmenter pulls ICU's break rules into memory, which a server that never restores a text need not
 * hold (issue 28, memory at rest).
 */
let graphemes: Intl.Segmenter | null | undefined;
const graphemeSegmenter = (): Intl.Segmenter | null => {
  if (graphemes === undefined) {
    graphemes =
      typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('en', { granularity: 'grapheme' }) : null;
  }
  return graphemes;
};

/** Every index where `value` may be cut without splitting what a person sees as one character (both ends too). */
function boundaries(value: string): Set<number> {
  const cuts = new Set([value.length]);
  const segmenter = graphemeSegmenter();
  if (segmenter) {
    for (const { index } of segmenter.segment(value)) cuts.add(index);
    return cuts;
  }
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (!(code >= 0xdc00 && code <= 0xdfff && i > 0)) cuts.add(i);
  }
  return cuts;
}

/**
 * Sets `text` to `target` by replacing only the span between their common prefix and suffix, both ending on
 * grapheme boundaries of both strings. Deleting everything and inserting the target would move every other
 * person's caret in the field to its start, and would split an emoji the common part happens to share half of.
 * Returns whether it changed anything.
 */
export function restoreText(text: Y.Text, target: string): boolean {
  const current = text.toString();
  // Embeds (which the schema repair removes first) would shift positions: then the whole text is replaced.
  if (text.length !== current.length) {
    text.delete(0, text.length);
    text.insert(0, target);
    return true;
  }
  if (current === target) return false;
  const inCurrent = boundaries(current);
  const inTarget = boundaries(target);
  const shorter = Math.min(current.length, target.length);
  let prefix = 0;
  while (prefix < shorter && current[prefix] === target[prefix]) prefix++;
  while (!(inCurrent.has(prefix) && inTarget.has(prefix))) prefix--;
  let suffix = 0;
  const maxSuffix = shorter - prefix;
  while (suffix < maxSuffix && current[current.length - 1 - suffix] === target[target.length - 1 - suffix])
    suffix++;
  while (!(inCurrent.has(current.length - suffix) && inTarget.has(target.length - suffix))) suffix--;
  const removed = current.length - prefix - suffix;
  if (removed > 0) text.delete(prefix, removed);
  const inserted = target.slice(prefix, target.length - suffix);
  if (inserted) text.insert(prefix, inserted);
  return true;
}
