import { wordingHash } from '@common-ground/shared/rules';
import * as Y from 'yjs';
import type { StructureBefore } from './writePermissions';

/**
 * After a client's write (call inside a server transaction): a translation's `basedOn` that the write set or
 * changed stays only if it is the hash of the goal's original as it stands now. A translation that names another
 * basis — forged, or written against an original someone changed meanwhile — loses it and reads as outdated,
 * never as current. A basis the write left alone stays (it is outdated once the original changes, as it should
 * be). Returns the goals it changed.
 */
export function settleTranslationBases(doc: Y.Doc, before: StructureBefore): string[] {
  const settled: string[] = [];
  const goals = doc.getMap<unknown>('goals');
  for (const [goalId, was] of before) {
    const goal = goals.get(goalId);
    if (!(goal instanceof Y.Map)) continue;
    const translations = goal.get('translations');
    if (!(translations instanceof Y.Map)) continue;
    // Hashed only for a basis the write set or changed: typing into a goal must not hash its wording each time.
    let current: string | null | undefined;
    const currentHash = () => {
      current ??= hashOf(goal);
      return current;
    };
    let changed = false;
    for (const [lang, entry] of translations.entries()) {
      if (!(entry instanceof Y.Map) || !entry.has('basedOn')) continue;
      const basedOn = entry.get('basedOn');
      if (basedOn === was?.translationBases.get(lang) || basedOn === currentHash()) continue;
      entry.delete('basedOn');
      changed = true;
    }
    if (changed) settled.push(goalId);
  }
  return settled;
}

function hashOf(goal: Y.Map<unknown>): string | null {
  const title = goal.get('title');
  const description = goal.get('description');
  return title instanceof Y.Text && description instanceof Y.Text
    ? wordingHash(title.toString(), description.toString())
    : null;
}
