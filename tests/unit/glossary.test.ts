// German UI and Markdown text keeps to the glossary of docs UX.md (/work/shared/UX.md, "Glossary"): inclusive
// "Partner/innen" / "Kooperationspartner/in", "Haltung" for a stance. Reads the string literals of every German
// text source, so a new message or report line with a forbidden term fails here, with its file and text.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** Forbidden term → the glossary's term, with an example each way so the pattern itself is tested. */
const FORBIDDEN: ReadonlyArray<{ pattern: RegExp; preferred: string; bad: string; good: string }> = [
  {
    pattern: /Kooperationspartner(?!\/in)/,
    preferred: 'Kooperationspartner/in, Kooperationspartner/innen',
    bad: '## Kooperationspartner',
    good: '## Kooperationspartner/innen',
  },
  {
    pattern: /(?<![\w/])Partner(n|s)?(?![\w/-])/,
    preferred: 'Partner/in, Partner/innen (or Organisation)',
    bad: '3 von 4 Partnern haben ein Profil',
    good: '3 von 4 Partner/innen haben ein Profil; Partnerorganisation',
  },
  {
    pattern: /Stellungnahme|Stellung (zu )?(ge)?nomm?en|Stellung zu nehmen/,
    preferred: 'Haltung (eine Haltung abgeben)',
    bad: 'Noch ohne Stellungnahme',
    good: 'Noch ohne Haltung',
  },
  {
    pattern: /Moderator(in|en|innen)?\b/,
    preferred: 'Moderation',
    bad: 'Der Moderator schließt die Runde',
    good: 'Die Moderation schließt die Runde',
  },
];

/** English terms the glossary's English column replaces, held to the same test. */
const FORBIDDEN_EN: ReadonlyArray<{ pattern: RegExp; preferred: string; bad: string; good: string }> = [
  {
    pattern: /\bmoderators?\b/i,
    preferred: 'facilitator',
    bad: 'The moderator closes the round',
    good: 'The facilitator closes the round (moderation of comments)',
  },
  {
    pattern: /\babstain|abstention/i,
    preferred: 'stand aside',
    bad: 'Abstentions do not count',
    good: 'Stand-asides do not count',
  },
  {
    pattern: /\bconsent round|consensus vote/i,
    preferred: 'consensus round',
    bad: 'Open a consensus vote',
    good: 'Open a consensus round',
  },
];

/**
 * Every file whose string literals may be text a person reads, besides the JSON catalogues: the Markdown exports
 * keep their words in server/src/exports/messages, and a German line written into their code is caught here.
 */
function germanSources(): string[] {
  return ['server/src/exports', 'server/src/process', 'server/src/rounds'].flatMap((dir) =>
    fs
      .readdirSync(path.join(repoRoot, dir))
      .filter((f) => /(labels|[mM]arkdown|text)\.ts$/.test(f))
      .map((f) => `${dir}/${f}`),
  );
}

/**
 * The catalogues in one language: the UI's and the Markdown exports' (standard German and Einfache Sprache are
 * both German).
 */
const catalogues = (...names: string[]) =>
  names.flatMap((name) => [
    `client/src/i18n/messages/${name}.json`,
    `server/src/exports/messages/${name}.json`,
  ]);

const messagesOf = (file: string): string[] =>
  Object.values(JSON.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8')) as Record<string, string>);

/** The string and template literals of a source file (comments left out). */
function literals(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...code.matchAll(/'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g)].map((m) => m[0].slice(1, -1));
}

const violations = (
  files: readonly string[],
  read: (file: string) => string[],
  terms: typeof FORBIDDEN,
): string[] =>
  files.flatMap((file) =>
    read(file).flatMap((text) =>
      terms.filter((t) => t.pattern.test(text)).map((t) => `${file}: "${text}" → ${t.preferred}`),
    ),
  );

describe('German text follows the UX.md glossary', () => {
  it.each(FORBIDDEN)('the pattern for "$preferred" catches its example and spares the right term', (term) => {
    expect(term.bad).toMatch(term.pattern);
    expect(term.good).not.toMatch(term.pattern);
  });

  it('finds the German catalogues and Markdown sources', () => {
    expect(germanSources()).toContain('server/src/rounds/agreementMarkdown.ts');
    expect(germanSources()).toContain('server/src/process/reportMarkdown.ts');
    const [ui = '', exports = ''] = catalogues('de');
    expect(messagesOf(ui).length).toBeGreaterThan(500);
    expect(messagesOf(exports).length).toBeGreaterThan(50);
  });

  it('uses no term the glossary replaces', () => {
    const code = (file: string) => literals(fs.readFileSync(path.join(repoRoot, file), 'utf8'));
    expect([
      ...violations(catalogues('de', 'de-simple'), messagesOf, FORBIDDEN),
      ...violations(germanSources(), code, FORBIDDEN),
    ]).toEqual([]);
  });
});

describe('English text follows the UX.md glossary', () => {
  it.each(FORBIDDEN_EN)(
    'the pattern for "$preferred" catches its example and spares the right term',
    (term) => {
      expect(term.bad).toMatch(term.pattern);
      expect(term.good).not.toMatch(term.pattern);
    },
  );

  it('uses no term the glossary replaces', () => {
    expect(violations(catalogues('en'), messagesOf, FORBIDDEN_EN)).toEqual([]);
  });
});
