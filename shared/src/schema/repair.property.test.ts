import fc from 'fast-check';
import { describe, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard, proposeGoal } from './board';
import { addComment, setCommitment, setGoalLead } from './goalDetails';
import { expectValid, repairAsServer } from './repair.testkit';
import { type RepairScope, scopeOf } from './repairScope';
import { setGoalTranslation } from './translations';

/** Junk as data, built into fresh Yjs values on each use (a shared type can be inserted only once). */
type Junk =
  | { readonly plain: unknown }
  | { readonly text: string }
  | { readonly array: readonly Junk[] }
  | { readonly map: readonly (readonly [string, Junk])[] };

const build = (junk: Junk): unknown => {
  if ('plain' in junk) return junk.plain;
  if ('text' in junk) return new Y.Text(junk.text);
  if ('array' in junk) {
    const array = new Y.Array<unknown>();
    array.push(junk.array.map(build));
    return array;
  }
  const map = new Y.Map<unknown>();
  for (const [key, value] of junk.map) map.set(key, build(value));
  return map;
};

const huge = fc.integer({ min: 150, max: 25_000 }).map((n) => '😀x\u0301'.repeat(Math.ceil(n / 4)));
const field = fc.constantFrom(
  'title',
  'description',
  'stage',
  'rank',
  'createdBy',
  'createdAt',
  'lead',
  'commitments',
  'reviewDate',
  'comments',
  'agreed',
  'lang',
  'translations',
);
const key = fc.oneof(
  fc.constantFrom('g1', 'g2', 'housing', 'school', 'nobody', 'tr', 'de', 'xx', 'title', 'basedOn'),
  fc.string({ maxLength: 70 }),
);
const plain = fc.oneof(
  fc.string(),
  huge,
  fc.constantFrom('proposed', 'agreed', 'a0', 'a1V', 'housing', 'nicht gültig!', '2027-06-30', '', 'Zz'),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.record(
    { id: key, authorId: key, text: fc.oneof(fc.string(), huge), at: fc.double() },
    { noNullPrototype: true },
  ),
  fc.constant({ id: 'c1', authorId: 'p1', text: 'ok', at: 1 }),
  fc.array(fc.string(), { maxLength: 3 }),
);
const junk: fc.Arbitrary<Junk> = fc.letrec<{ junk: Junk }>((tie) => ({
  junk: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    plain.map((value) => ({ plain: value })),
    fc.oneof(fc.string(), huge).map((text) => ({ text })),
    fc.array(tie('junk'), { maxLength: 4 }).map((array) => ({ array })),
    fc.array(fc.tuple(key, tie('junk')), { maxLength: 4 }).map((map) => ({ map })),
  ),
})).junk;

/** One foreign write, into the goals (mostly), a goal's field, its comments, commitments or texts, or the board. */
const write = fc.oneof(
  fc.record({ at: fc.constant('goals' as const), key, value: junk }),
  fc.record({ at: fc.constant('goal' as const), goal: key, field, value: junk }),
  fc.record({ at: fc.constant('comments' as const), goal: key, value: junk }),
  fc.record({ at: fc.constant('commitments' as const), goal: key, key, value: junk }),
  fc.record({ at: fc.constant('text' as const), goal: key, field, text: fc.oneof(fc.string(), huge) }),
  fc.record({ at: fc.constant('translations' as const), goal: key, key, value: junk }),
  fc.record({
    at: fc.constant('translation' as const),
    goal: key,
    lang: fc.constantFrom('tr', 'en', 'xx'),
    key,
    value: junk,
  }),
  fc.record({
    at: fc.constant('board' as const),
    key: fc.constantFrom('title', 'createdAt', 'x'),
    value: junk,
  }),
);
type Write = typeof write extends fc.Arbitrary<infer T> ? T : never;

function apply(doc: Y.Doc, w: Write): void {
  const goals = doc.getMap<unknown>('goals');
  if (w.at === 'goals') goals.set(w.key, build(w.value));
  if (w.at === 'board') doc.getMap<unknown>('board').set(w.key, build(w.value));
  if (w.at === 'goals' || w.at === 'board') return;
  const goal = goals.get(w.goal);
  if (!(goal instanceof Y.Map)) return;
  if (w.at === 'goal') goal.set(w.field, build(w.value));
  if (w.at === 'translation') {
    const entry = (goal.get('translations') as Y.Map<unknown> | undefined)?.get(w.lang);
    if (entry instanceof Y.Map) entry.set(w.key, build(w.value));
    return;
  }
  const inner = goal.get(w.at === 'text' ? w.field : w.at);
  if (w.at === 'comments' && inner instanceof Y.Array) inner.push([build(w.value)]);
  if ((w.at === 'commitments' || w.at === 'translations') && inner instanceof Y.Map)
    inner.set(w.key, build(w.value));
  if (w.at === 'text' && inner instanceof Y.Text) inner.insert(Math.min(3, inner.length), w.text);
}

const validBoard = () => {
  const doc = new Y.Doc();
  initBoard(doc, 'Südstadt', 1);
  for (const id of ['g1', 'g2'])
    proposeGoal(doc, { id, title: id, description: '', createdBy: 'p1', now: 1 });
  setGoalLead(doc, 'g1', 'housing');
  setCommitment(doc, 'g1', 'school', 'Schulhof');
  addComment(doc, 'g2', { authorId: 'p1', text: 'Ja', now: 2 });
  setGoalTranslation(doc, 'g1', 'tr', { title: 'Hedef', description: 'Açıklama' });
  return doc;
};

describe('repairBoard on random garbage', () => {
  it('always ends valid for every reader, repairing only the scope the writes touched', () => {
    fc.assert(
      fc.property(fc.array(write, { minLength: 1, maxLength: 12 }), (writes) => {
        const doc = validBoard();
        const rootKeys = new Set<string>();
        const goalIds = new Set<string>();
        doc.on('update', (_u: Uint8Array, _o: unknown, _d: Y.Doc, transaction: Y.Transaction) => {
          const scope = scopeOf(transaction);
          for (const root of scope.rootKeys) rootKeys.add(root);
          for (const id of scope.goalIds) goalIds.add(id);
        });
        for (const w of writes) doc.transact(() => apply(doc, w), 'foreign');
        const scope: RepairScope = { rootKeys, goalIds };
        repairAsServer(doc, scope);
        // Valid as a whole (the scope missed nothing), and a second repair finds nothing and emits nothing.
        expectValid(doc);
      }),
      { seed: 20_270_630, numRuns: 300 },
    );
  });
});
