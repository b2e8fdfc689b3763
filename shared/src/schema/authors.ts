import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type * as Y from 'yjs';
import { z } from 'zod';
import { IdSchema } from '../api/entities';
import { isTranslationLanguage, type TranslationLanguage } from './translations';

/**
 * Who created a goal or a comment, as the server recorded it: the participant whose socket sent the update that
 * first brought the item into the board document. The board document's own `createdBy` and `authorId` are written
 * by clients and never shown as authorship; this is.
 */
export const AttributionSchema = z
  .object({
    kind: z.enum(['goal', 'comment', 'translation']),
    /**
     * The goal's id, or the comment's; for a translation `<goalId>:<lang>:<participantId>` (translationItemId): one
     * entry per person who wrote the goal's translation into that language, the first writer's the oldest.
     */
    id: z.string().max(200),
    /** The goal the item belongs to (the goal itself for a goal). */
    goalId: IdSchema,
    participantId: IdSchema,
    at: z.number(),
    /**
     * A comment's text hash (commentHash): comments are never edited, so only the entry with this text is the
     * attributed one. A copy under the same id, with other words, names no author. null for a goal.
     */
    contentHash: z.string().nullable(),
  })
  .refine((entry) =>
    entry.kind === 'translation'
      ? entry.id === translationItemId(entry.goalId, entry.id.split(':')[1] ?? '', entry.participantId) &&
        isTranslationLanguage(entry.id.split(':')[1])
      : IdSchema.safeParse(entry.id).success,
  );
export type Attribution = z.infer<typeof AttributionSchema>;
export type AttributionKind = Attribution['kind'];

/** The item id of one person's part in a goal's translation into `lang`. */
export const translationItemId = (goalId: string, lang: string, participantId: string): string =>
  `${goalId}:${lang}:${participantId}`;

/** The record document's `authors` map: `goal:<id>` / `comment:<id>` / `translation:<goalId>:<lang>:<participantId>` → Attribution. */
export const authorsMap = (record: Y.Doc) => record.getMap<unknown>('authors');
export const authorKey = (kind: AttributionKind, id: string): string => `${kind}:${id}`;

/** SHA-256 hex of a comment's text: synchronous and the same in Node and browsers, like wordingHash. */
export const commentHash = (text: string): string => bytesToHex(sha256(utf8ToBytes(text)));

/** Attributions by key; a malformed entry is left out (no author is shown rather than a wrong one). */
export function readAuthors(record: Y.Doc): Record<string, Attribution> {
  const authors: Record<string, Attribution> = {};
  for (const [key, value] of authorsMap(record).entries()) {
    const parsed = AttributionSchema.safeParse(value);
    if (parsed.success && key === authorKey(parsed.data.kind, parsed.data.id)) authors[key] = parsed.data;
  }
  return authors;
}

/** The participant who created the goal by the server's record, or null while none is recorded. */
export function goalAuthor(authors: Readonly<Record<string, Attribution>>, goalId: string): string | null {
  return authors[authorKey('goal', goalId)]?.participantId ?? null;
}

/**
 * The participant who wrote this comment by the server's record; null for a comment the record does not know, and
 * for one that reuses an attributed id in another goal or with other words (it would borrow someone's name).
 */
export function commentAuthor(
  authors: Readonly<Record<string, Attribution>>,
  goalId: string,
  comment: { readonly id: string; readonly text: string },
): string | null {
  const entry = authors[authorKey('comment', comment.id)];
  if (!entry || entry.goalId !== goalId || entry.contentHash !== commentHash(comment.text)) return null;
  return entry.participantId;
}

/**
 * Who wrote the goal's translation into `lang`, by the server's record: everyone whose update changed it, the
 * first writer first. Empty while none is recorded (the UI then names nobody, never a client-written name).
 */
export function translationAuthors(
  authors: Readonly<Record<string, Attribution>>,
  goalId: string,
  lang: TranslationLanguage,
): string[] {
  const prefix = `${authorKey('translation', `${goalId}:${lang}:`)}`;
  return Object.entries(authors)
    .filter(
      ([key, entry]) => key.startsWith(prefix) && entry.kind === 'translation' && entry.goalId === goalId,
    )
    .map(([, entry]) => entry)
    .sort((a, b) => a.at - b.at || (a.participantId < b.participantId ? -1 : 1))
    .map((entry) => entry.participantId);
}
