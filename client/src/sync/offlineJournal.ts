import { z } from 'zod';

/** A goal whose wording this person edited while the server could not hear it. */
export const OfflineEditSchema = z.object({
  goalId: z.string(),
  /** The goal's title when it was edited, to name it even if it is removed meanwhile. */
  title: z.string(),
  at: z.number(),
  /** Rounds of the goal already closed at the edit: only a round closed later can be the edit's consequence. */
  closedRoundIds: z.array(z.string()),
});
export type OfflineEdit = z.infer<typeof OfflineEditSchema>;

const JournalSchema = z.object({
  unsent: z.number().int().min(0),
  edits: z.array(OfflineEditSchema),
});
export type OfflineJournal = z.infer<typeof JournalSchema>;

const EMPTY: OfflineJournal = { unsent: 0, edits: [] };
const key = (boardId: string) => `common-ground.offline.${boardId}`;

/**
 * What must outlive a closed tab besides the documents themselves (those are in IndexedDB): how many changes
 * the server has not confirmed, and which wordings were edited offline, so that the count stays honest and a
 * conflict can still be explained after a reload.
 */
export function loadJournal(boardId: string, storage: Storage = localStorage): OfflineJournal {
  try {
    const parsed = JournalSchema.safeParse(JSON.parse(storage.getItem(key(boardId)) ?? 'null'));
    return parsed.success ? parsed.data : EMPTY;
  } catch {
    return EMPTY;
  }
}

export function saveJournal(boardId: string, journal: OfflineJournal, storage: Storage = localStorage): void {
  try {
    if (journal.unsent === 0 && journal.edits.length === 0) storage.removeItem(key(boardId));
    else storage.setItem(key(boardId), JSON.stringify(journal));
  } catch {
    // Storage full or blocked: the count restarts at zero after a reload; the edits themselves are in IndexedDB.
  }
}
