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
 */
export function diffText(before: string, after: string, caret?: number): TextChange | null {
  if (before === after) return null;
  const minLength = Math.min(before.length, after.length);
  // The edit ends at the caret, so the unchanged tail cannot reach further left than it.
  const maxSuffix = caret === undefined ? minLength : Math.min(minLength, Math.max(0, after.length - caret));
  let suffix = 0;
  while (suffix < maxSuffix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix])
    suffix++;
  const maxPrefix = minLength - suffix;
  let prefix = 0;
  while (prefix < maxPrefix && before[prefix] === after[prefix]) prefix++;
  return {
    index: prefix,
    deleteCount: before.length - prefix - suffix,
    insert: after.slice(prefix, after.length - suffix),
  };
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
