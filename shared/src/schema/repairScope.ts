import * as Y from 'yjs';

/** What a transaction touched in the board document, so the server re-checks only that. */
export interface RepairScope {
  /** Names of the root types that changed, directly or anywhere below them. */
  readonly rootKeys: ReadonlySet<string>;
  /** Keys of the `goals` map whose entry was set or deleted, or changed anywhere inside. */
  readonly goalIds: ReadonlySet<string>;
}

/**
 * The scope of a transaction, from `transaction.changed` (filled while the update applies; valid in the `update`
 * and `afterTransaction` events). Yjs records a change at the nearest type that existed before the transaction,
 * so a goal added with all its content shows as its key in `goals`, and a comment pushed to an existing goal as
 * that goal's comments array: walking up from it to the child of the root names the goal.
 */
export function scopeOf(transaction: Y.Transaction): RepairScope {
  const rootKeys = new Set<string>();
  const goalIds = new Set<string>();
  for (const [type, keys] of transaction.changed) {
    let child: Y.Item | null = null;
    let current: Y.AbstractType<Y.YEvent<Y.AbstractType<unknown>>> = type;
    while (current._item !== null) {
      child = current._item;
      const parent = child.parent;
      // An integrated item's parent is its type; an ID or null only while an update is half-applied.
      if (!(parent instanceof Y.AbstractType)) break;
      current = parent;
    }
    if (current._item !== null) continue;
    const root = Y.findRootTypeKey(current);
    rootKeys.add(root);
    if (root !== 'goals') continue;
    if (child === null) {
      for (const key of keys) if (key !== null) goalIds.add(key);
    } else if (child.parentSub !== null) {
      goalIds.add(child.parentSub);
    }
  }
  return { rootKeys, goalIds };
}
