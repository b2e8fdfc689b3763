import { type Boundaries, graphemeBoundaries } from './graphemes';

/** One contiguous change of a string: what an input event did, as Y.Text operations. */
export interface TextChange {
  readonly index: number;
  readonly deleteCount: number;
  readonly insert: string;
}

/**
 * The single change that turns `before` into `after`, found by common prefix and suffix.
 * `caret` (the selection end after the edit) settles ambiguous cases: typing "a" into "aa" at the start must
 * insert at 0, not append, or a concurrent edit by someone else would merge at the wrong place.
 * The change starts and ends on `boundaries` of both strings: 😀 and 😃 share their first UTF-16 unit, and a
 * change that kept it would split surrogate pairs, which Y.Text stores as U+FFFD.
 */
export function diffText(
  before: string,
  after: string,
  caret?: number,
  boundaries: Boundaries = graphemeBoundaries,
): TextChange | null {
  if (before === after) return null;
  const minLength = Math.min(before.length, after.length);
  // The edit ends at the caret, so the unchanged tail cannot reach further left than it.
  const maxSuffix = caret === undefined ? minLength : Math.min(minLength, Math.max(0, after.length - caret));
  let suffix = 0;
  while (suffix < maxSuffix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix])
    suffix++;
  suffix = snapSuffix(before, after, suffix, boundaries);
  const maxPrefix = minLength - suffix;
  let prefix = 0;
  while (prefix < maxPrefix && before[prefix] === after[prefix]) prefix++;
  prefix = snapPrefix(before, after, prefix, boundaries);
  return {
    index: prefix,
    deleteCount: before.length - prefix - suffix,
    insert: after.slice(prefix, after.length - suffix),
  };
}

/** Shortens the common prefix until its end is a boundary in both strings (0 always is). */
function snapPrefix(before: string, after: string, prefix: number, boundaries: Boundaries): number {
  let length = prefix;
  for (;;) {
    const snapped = boundaries.atOrBefore(after, boundaries.atOrBefore(before, length));
    if (snapped === length) return length;
    length = snapped;
  }
}

/**
 * Shortens the common suffix until its start is a boundary in both strings (the ends always are). Boundaries
 * inside equal tails can still differ, since a cluster depends on what precedes it (pairs of flag letters).
 */
function snapSuffix(before: string, after: string, suffix: number, boundaries: Boundaries): number {
  let length = suffix;
  for (;;) {
    const inBefore = before.length - boundaries.atOrAfter(before, before.length - length);
    const snapped = after.length - boundaries.atOrAfter(after, after.length - inBefore);
    if (snapped === length) return length;
    length = snapped;
  }
}

/** A Yjs text delta operation (YTextEvent.delta); embeds count as one character. */
export interface DeltaOp {
  readonly retain?: number;
  readonly delete?: number;
  readonly insert?: unknown;
}

/**
 * Where a caret at `position` ends up after someone else's change. Text inserted exactly at the caret goes
 * after it, so the person typing there keeps their place.
 */
export function transformPosition(position: number, delta: readonly DeltaOp[]): number {
  let index = 0;
  let result = position;
  for (const op of delta) {
    if (index > result) break;
    if (op.retain !== undefined) {
      index += op.retain;
    } else if (op.delete !== undefined) {
      result -= Math.min(op.delete, Math.max(0, result - index));
    } else if (op.insert !== undefined) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      if (index < result) result += length;
      index += length;
    }
  }
  return result;
}
