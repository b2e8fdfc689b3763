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

/** Every file whose string literals are German text a person reads. */
function germanSources(): string[] {
  const i18n = 'client/src/i18n';
  const dictionaries = fs
    .readdirSync(path.join(repoRoot, i18n))
    .filter((f) => /^de[A-Z]?\w*\.ts$/.test(f) && !f.endsWith('.test.ts') && f !== 'detect.ts')
    .map((f) => `${i18n}/${f}`);
  const markdown = ['server/src/markdown', 'server/src/process', 'server/src/rounds'].flatMap((dir) =>
    fs
      .readdirSync(path.join(repoRoot, dir))
      .filter((f) => /(labels|[mM]arkdown)\.ts$/.test(f))
      .map((f) => `${dir}/${f}`),
  );
  return [...dictionaries, ...markdown];
}

/** The string and template literals of a source file (comments left out). */
function literals(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...code.matchAll(/'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g)].map((m) => m[0].slice(1, -1));
}

describe('German text follows the UX.md glossary', () => {
  it.each(FORBIDDEN)('the pattern for "$preferred" catches its example and spares the right term', (term) => {
    expect(term.bad).toMatch(term.pattern);
    expect(term.good).not.toMatch(term.pattern);
  });

  it('finds the German dictionaries and Markdown sources', () => {
    const files = germanSources();
    expect(files).toContain('client/src/i18n/de.ts');
    expect(files).toContain('client/src/i18n/deProcess.ts');
    expect(files).toContain('server/src/markdown/labels.ts');
    expect(files).toContain('server/src/process/reportMarkdown.ts');
  });

  it('uses no term the glossary replaces', () => {
    const found = germanSources().flatMap((file) =>
      literals(fs.readFileSync(path.join(repoRoot, file), 'utf8')).flatMap((text) =>
        FORBIDDEN.filter((t) => t.pattern.test(text)).map((t) => `${file}: "${text}" → ${t.preferred}`),
      ),
    );
    expect(found).toEqual([]);
  });
});
