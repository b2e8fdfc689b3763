import { expect } from 'vitest';
import * as Y from 'yjs';
import { readGoals } from './board';
import { readComments, readGoalStructure } from './goalDetails';
import { SERVER_ORIGIN } from './origins';
import { repairBoard } from './repair';
import { BOARD_LIMITS, type Repair, type RepairContext } from './repairContext';
import type { RepairScope } from './repairScope';
import { isTranslationLanguage, readGoalTranslations } from './translations';

/** Shared by the repair tests: the server's call, and what "valid" means to every reader. */
export const PARTNERS = new Set(['housing', 'school', 'city']);
export const CONTEXT: RepairContext = { isPartner: (id) => PARTNERS.has(id), limits: BOARD_LIMITS };

/** Repairs as the server does: in a transaction of its own origin. */
export function repairAsServer(doc: Y.Doc, scope?: RepairScope, context = CONTEXT): Repair[] {
  let repairs: Repair[] = [];
  doc.transact(() => {
    repairs = repairBoard(doc, context, scope);
  }, SERVER_ORIGIN);
  return repairs;
}

/** Counts the updates `fn` makes the document emit. */
export function updatesDuring(doc: Y.Doc, fn: () => void): number {
  let count = 0;
  const onUpdate = () => {
    count++;
  };
  doc.on('update', onUpdate);
  fn();
  doc.off('update', onUpdate);
  return count;
}

/** Every entry reads as valid (none is ignored by a reader), within the limits, and a repair finds nothing. */
export function expectValid(doc: Y.Doc, context = CONTEXT): void {
  const { limits, isPartner } = context;
  const goals = doc.getMap<unknown>('goals');
  const read = readGoals(doc);
  expect(read.map((g) => g.id).sort()).toEqual([...goals.keys()].sort());
  for (const goal of read) {
    expect(goal.title.length).toBeLessThanOrEqual(limits.titleChars);
    expect(goal.description.length).toBeLessThanOrEqual(limits.descriptionChars);
    expect(goal.rank.length).toBeLessThanOrEqual(limits.rankChars);
    const entry = goals.get(goal.id) as Y.Map<unknown>;
    const structure = readGoalStructure(doc, goal.id);
    if (structure.leadPartnerId !== null) expect(isPartner(structure.leadPartnerId)).toBe(true);
    else expect(entry.has('lead')).toBe(false);
    const commitments = entry.get('commitments');
    expect(structure.commitments.length).toBe(commitments instanceof Y.Map ? commitments.size : 0);
    for (const { partnerId, text } of structure.commitments) {
      expect(isPartner(partnerId)).toBe(true);
      expect(text.length).toBeLessThanOrEqual(limits.commitmentChars);
    }
    const comments = entry.get('comments');
    const shown = readComments(doc, goal.id);
    expect(shown.length).toBe(comments instanceof Y.Array ? comments.length : 0);
    for (const comment of shown) expect(comment.text.length).toBeLessThanOrEqual(limits.commentChars);
    // Every stored translation reads (one in the original's own language is kept but not shown).
    const translations = entry.get('translations');
    const { lang, translations: read } = readGoalTranslations(doc, goal.id);
    const stored =
      translations instanceof Y.Map ? [...translations.keys()].filter((key) => key !== lang) : [];
    expect(read.map((t) => t.lang).sort()).toEqual(stored.sort());
    for (const t of read) {
      expect(t.title.length).toBeLessThanOrEqual(limits.titleChars);
      expect(t.description.length).toBeLessThanOrEqual(limits.descriptionChars);
    }
    if (entry.has('lang')) expect(isTranslationLanguage(entry.get('lang'))).toBe(true);
  }
  const title = doc.getMap<unknown>('board').get('title');
  if (title !== undefined) expect(typeof title === 'string' && title.length <= limits.titleChars).toBe(true);
  let again: Repair[] = [];
  expect(updatesDuring(doc, () => (again = repairAsServer(doc, undefined, context)))).toBe(0);
  expect(again).toEqual([]);
}
