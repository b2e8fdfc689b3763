// The Markdown exports (server/src/exports) speak the UI's languages (one list, shared/src/api/language.ts) and use
// its words: a stance, a stage, a kind of partner reads the same in the downloaded agreement as on the screen. The two
// catalogues live apart (the server cannot load the client's chunks), so this test holds them together.
import fs from 'node:fs';
import path from 'node:path';
import { LOCALES } from '@common-ground/shared/api';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const json = (file: string) =>
  JSON.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8')) as Record<string, string>;
const FULL = LOCALES.filter((l) => l !== 'de-simple');

/** Export key → the UI key whose text it repeats. */
const SAME_AS_UI: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    ['residents', 'welfare', 'housing', 'municipality', 'school', 'business', 'other'].map((k) => [
      `kind.${k}`,
      `kind.${k}`,
    ]),
  ),
  ...Object.fromEntries(
    ['agree', 'concerns', 'stand_aside', 'object'].map((s) => [`stance.${s}`, `stance.${s}`]),
  ),
  ...Object.fromEntries(['consent', 'consensus', 'majority'].map((r) => [`rule.${r}`, `rule.${r}.name`])),
  ...Object.fromEntries(
    ['inventory', 'collect', 'negotiate', 'agree', 'review'].map((p) => [`phase.${p}`, `process.phase.${p}`]),
  ),
  ...Object.fromEntries(
    ['network', 'transparency', 'structures', 'goals', 'organisation', 'legitimation'].map((p) => [
      `principle.${p}`,
      `health.principle.${p}`,
    ]),
  ),
  ...Object.fromEntries(
    ['agreed', 'objected', 'no_quorum', 'invalidated'].map((o) => [`outcome.${o}`, `report.outcome.${o}`]),
  ),
  partners: 'agreement.partners',
  quoted: 'agreement.change.quoted',
  'agreement.commitments': 'structure.commitments',
  'agreement.stance.byFacilitator': 'stance.byFacilitator',
  'agreement.change.wording': 'agreement.change.wording',
  'agreement.change.lead': 'agreement.change.lead',
  'agreement.change.commitment': 'agreement.change.commitment',
  'agreement.change.reviewDate': 'agreement.change.reviewDate',
  'agreement.change.noCommitment': 'agreement.change.noCommitment',
  'agreement.change.noDate': 'agreement.change.noDate',
  'report.phases': 'report.phases',
  'report.rounds': 'report.rounds',
  'report.today': 'report.today',
  'report.round.running': 'report.running',
  'report.health': 'health.heading',
};

describe('export languages and terms match the UI', () => {
  it.each(FULL)('%s: stances, stages, kinds, rules and headings read as in the UI', (locale) => {
    const exported = json(`server/src/exports/messages/${locale}.json`);
    const ui = json(`client/src/i18n/messages/${locale}.json`);
    const differing = Object.entries(SAME_AS_UI)
      .filter(([exportKey, uiKey]) => exported[exportKey] !== ui[uiKey])
      .map(([exportKey, uiKey]) => `${exportKey} "${exported[exportKey]}" ≠ ${uiKey} "${ui[uiKey]}"`);
    expect(differing).toEqual([]);
  });
});
