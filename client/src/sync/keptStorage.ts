import { z } from 'zod';
import type { KeptText } from './keptText';

const KeptSchema = z.object({
  kept: z.array(
    z.object({
      goalId: z.string(),
      goalTitle: z.string(),
      kind: z.enum(['title', 'description', 'comment']),
      text: z.string(),
      commentId: z.string().optional(),
    }),
  ),
  checked: z.boolean(),
});
export type StoredKept = { readonly kept: readonly KeptText[]; readonly checked: boolean };

const EMPTY: StoredKept = { kept: [], checked: false };
const key = (boardId: string) => `common-ground.kept.${boardId}`;

/**
 * The text offered back after a refusal outlives a reload until the person dismisses it: the local copy that held
 * it is gone by then.
 */
export function loadKept(boardId: string, storage: Storage = localStorage): StoredKept {
  try {
    const parsed = KeptSchema.safeParse(JSON.parse(storage.getItem(key(boardId)) ?? 'null'));
    return parsed.success ? parsed.data : EMPTY;
  } catch {
    return EMPTY;
  }
}

export function saveKept(boardId: string, value: StoredKept, storage: Storage = localStorage): void {
  try {
    if (value.kept.length === 0) storage.removeItem(key(boardId));
    else storage.setItem(key(boardId), JSON.stringify(value));
  } catch {
    // Storage full or blocked: the text is still offered during this visit.
  }
}
