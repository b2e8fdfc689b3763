import type { Role } from '@common-ground/shared/api';
import { scopeOf } from '@common-ground/shared/schema';
import * as Y from 'yjs';

/** What the server knows of a writer: the role, and the organisation it is a confirmed member of (or null). */
export interface WriterIdentity {
  readonly role: Role;
  readonly partnerId: string | null;
}

/** A part of a goal's structure that only some people may change. */
export type StructureField =
  | { readonly kind: 'lead' }
  | { readonly kind: 'commitment'; readonly partnerId: string }
  /** `withdrawnAt` and `withdrawnBy` together: withdrawing or restoring the goal. */
  | { readonly kind: 'withdrawal' }
  /**
   * The language the original is written in: it decides which translation a reader sees instead of the original,
   * so whoever changes it could show German readers a "translation" in place of a German original.
   */
  | { readonly kind: 'lang' };

/**
 * One voice per partner: a partner's commitment is written by that partner's confirmed members or the
 * facilitator, the lead only by the facilitator. A goal is withdrawn or restored, and its original's language
 * set, by the facilitator or by whoever proposed it (`proposer`: the server's record names the writer as the
 * goal's author). An unknown writer may change none of these.
 */
export function mayWrite(
  writer: WriterIdentity | undefined,
  field: StructureField,
  proposer = false,
): boolean {
  if (!writer) return false;
  if (writer.role === 'facilitator') return true;
  if (field.kind === 'lead') return false;
  if (field.kind === 'withdrawal' || field.kind === 'lang') return proposer && writer.role !== 'observer';
  return writer.role === 'partner' && writer.partnerId !== null && writer.partnerId === field.partnerId;
}

/** A goal's withdrawal as stored (absent = undefined). */
export interface WithdrawalValues {
  readonly at: unknown;
  readonly by: unknown;
}

/** A goal's lead, commitments and withdrawal as plain values (absent = undefined); other values count as absent before. */
export interface StructureValues {
  readonly lead: unknown;
  readonly commitments: ReadonlyMap<string, unknown>;
  readonly withdrawal: WithdrawalValues;
  /** The original's language (`lang`; absent = German). */
  readonly lang: unknown;
  /** Per translation language: its `basedOn` (translations.ts), which only the server's check makes current. */
  readonly translationBases: ReadonlyMap<string, unknown>;
}

/** Per goal a client's transaction touched: the structure before it (null = the goal did not exist). */
export type StructureBefore = ReadonlyMap<string, StructureValues | null>;

/**
 * The lead and commitments of every goal `transaction` touched, as they were before it. Must run before Yjs
 * cleans the transaction up (`beforeObserverCalls`): afterwards, what it deleted — the overwritten values — is
 * garbage-collected and its content gone. Reads per key the newest entry the transaction did not add, unless it
 * was deleted before (the logic of Y.YMapEvent's `oldValue`), also inside a goal or commitments map the
 * transaction replaced or deleted.
 */
export function captureStructureBefore(transaction: Y.Transaction): StructureBefore {
  const before = new Map<string, StructureValues | null>();
  const { goalIds } = scopeOf(transaction);
  if (goalIds.size === 0) return before;
  const goals = transaction.doc.getMap<unknown>('goals');
  for (const goalId of goalIds) {
    const goal = valueBefore(transaction, goals, goalId);
    before.set(
      goalId,
      goal instanceof Y.Map ? structureOf(goal, (map, key) => valueBefore(transaction, map, key)) : null,
    );
  }
  return before;
}

/** The goal's structure as it is now. */
export function currentStructure(goal: Y.Map<unknown>): StructureValues {
  return structureOf(goal, (map, key) => map.get(key));
}

type Read = (map: Y.Map<unknown>, key: string) => unknown;

function structureOf(goal: Y.Map<unknown>, read: Read): StructureValues {
  const lead = read(goal, 'lead');
  const withdrawal = { at: read(goal, 'withdrawnAt'), by: read(goal, 'withdrawnBy') };
  const commitments = new Map<string, unknown>();
  const map = read(goal, 'commitments');
  if (map instanceof Y.Map) {
    // Every key the map ever had (a deleted one reads as absent): `keys()` would skip the ones deleted just now.
    for (const partnerId of (map as Y.Map<unknown>)._map.keys()) {
      const text = read(map, partnerId);
      if (text !== undefined) commitments.set(partnerId, text);
    }
  }
  const translationBases = new Map<string, unknown>();
  const translations = read(goal, 'translations');
  if (translations instanceof Y.Map) {
    for (const lang of (translations as Y.Map<unknown>)._map.keys()) {
      const entry = read(translations, lang);
      if (entry instanceof Y.Map) translationBases.set(lang, read(entry, 'basedOn'));
    }
  }
  return { lead, commitments, withdrawal, lang: read(goal, 'lang'), translationBases };
}

function valueBefore(transaction: Y.Transaction, map: Y.Map<unknown>, key: string): unknown {
  let item: Y.Item | null = map._map.get(key) ?? null;
  while (item !== null && item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0))
    item = item.left;
  if (item === null) return undefined;
  if (item.deleted && !Y.isDeleted(transaction.deleteSet, item.id)) return undefined;
  return item.content.getContent()[item.length - 1];
}

/** A change the writer may not make: where, what it was before and what the writer's batch left. */
export interface RefusedChange {
  readonly goalId: string;
  readonly field: StructureField;
  readonly before: unknown;
  readonly after: unknown;
}

const sameWithdrawal = (a: WithdrawalValues | undefined, b: WithdrawalValues): boolean =>
  a?.at === b.at && a?.by === b.by;

/** The changes between `before` and the goals as they are now that `writer` may not make. */
export function refusedChanges(
  doc: Y.Doc,
  before: StructureBefore,
  may: (field: StructureField, goalId: string) => boolean,
): RefusedChange[] {
  const refused: RefusedChange[] = [];
  const goals = doc.getMap<unknown>('goals');
  for (const [goalId, was] of before) {
    const goal = goals.get(goalId);
    // A removed goal takes its structure with it; who may remove goals is not this rule's question.
    if (!(goal instanceof Y.Map)) continue;
    const now = currentStructure(goal);
    const lead = was?.lead;
    if (now.lead !== lead && !may({ kind: 'lead' }, goalId)) {
      refused.push({ goalId, field: { kind: 'lead' }, before: lead, after: now.lead });
    }
    if (!sameWithdrawal(was?.withdrawal, now.withdrawal) && !may({ kind: 'withdrawal' }, goalId)) {
      const field: StructureField = { kind: 'withdrawal' };
      refused.push({ goalId, field, before: was?.withdrawal, after: now.withdrawal });
    }
    if (now.lang !== was?.lang && !may({ kind: 'lang' }, goalId)) {
      refused.push({ goalId, field: { kind: 'lang' }, before: was?.lang, after: now.lang });
    }
    const partners = new Set([...(was?.commitments.keys() ?? []), ...now.commitments.keys()]);
    for (const partnerId of [...partners].sort()) {
      const old = was?.commitments.get(partnerId);
      const field: StructureField = { kind: 'commitment', partnerId };
      if (now.commitments.get(partnerId) !== old && !may(field, goalId)) {
        refused.push({ goalId, field, before: old, after: now.commitments.get(partnerId) });
      }
    }
  }
  return refused;
}

/**
 * Puts the previous values back (call inside a server transaction). With `onlyIfUnchanged`, a value someone
 * changed since the refused write is left alone (a follow-up batch must not undo a permitted later edit).
 * Only strings are put back: anything else was not a valid value before either, and reads as absent.
 */
export function restore(doc: Y.Doc, refused: readonly RefusedChange[], onlyIfUnchanged = false): number {
  let restored = 0;
  const goals = doc.getMap<unknown>('goals');
  for (const change of refused) {
    const goal = goals.get(change.goalId);
    if (!(goal instanceof Y.Map)) continue;
    const now = currentStructure(goal);
    if (change.field.kind === 'withdrawal') {
      const after = change.after as WithdrawalValues;
      if (onlyIfUnchanged && !sameWithdrawal(after, now.withdrawal)) continue;
      if (restoreWithdrawal(goal, now.withdrawal, change.before as WithdrawalValues | undefined))
        restored += 1;
      continue;
    }
    const { field } = change;
    const current =
      field.kind === 'lead'
        ? now.lead
        : field.kind === 'lang'
          ? now.lang
          : now.commitments.get(field.partnerId);
    if (onlyIfUnchanged && current !== change.after) continue;
    const value = typeof change.before === 'string' ? change.before : undefined;
    if (current === value) continue;
    if (field.kind === 'lead' || field.kind === 'lang') setOrDelete(goal, field.kind, value);
    else setOrDelete(commitmentsOf(goal, value !== undefined), field.partnerId, value);
    restored += 1;
  }
  return restored;
}

/** Puts a withdrawal back as it was: only a number and a string are put back, like in `restore`. */
function restoreWithdrawal(
  goal: Y.Map<unknown>,
  now: WithdrawalValues,
  was: WithdrawalValues | undefined,
): boolean {
  const at = typeof was?.at === 'number' ? was.at : undefined;
  const by = typeof was?.by === 'string' ? was.by : undefined;
  if (now.at === at && now.by === by) return false;
  if (now.at !== at) setOrDelete(goal, 'withdrawnAt', at);
  if (now.by !== by) setOrDelete(goal, 'withdrawnBy', by);
  return true;
}

/**
 * Makes a change of the original's language that the server first put back (the goal's proposer was not recorded
 * yet) once it turns out permitted, unless someone changed the language since. Call inside a server transaction.
 */
export function reapplyLang(doc: Y.Doc, change: RefusedChange): boolean {
  const goal = doc.getMap<unknown>('goals').get(change.goalId);
  if (!(goal instanceof Y.Map)) return false;
  if (goal.get('lang') !== (typeof change.before === 'string' ? change.before : undefined)) return false;
  setOrDelete(goal, 'lang', typeof change.after === 'string' ? change.after : undefined);
  return true;
}

function setOrDelete(map: Y.Map<unknown> | null, key: string, value: string | number | undefined): void {
  if (!map) return;
  if (value === undefined) map.delete(key);
  else map.set(key, value);
}

/** The goal's commitments map; a new one if it has none and `create` (the writer removed or replaced it). */
function commitmentsOf(goal: Y.Map<unknown>, create: boolean): Y.Map<unknown> | null {
  const map = goal.get('commitments');
  if (map instanceof Y.Map) return map as Y.Map<unknown>;
  if (!create) return null;
  const fresh = new Y.Map<unknown>();
  goal.set('commitments', fresh);
  return fresh;
}
