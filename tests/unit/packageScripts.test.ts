// The npm scripts a person runs must work on Windows, macOS and Linux alike. npm runs a script with `sh -c` on
// macOS and Linux and with `cmd.exe /d /s /c` on Windows, whichever shell the person typed `npm` into (so
// PowerShell's own syntax never matters). A script is therefore held to what sh and cmd.exe both read the same
// way; anything more goes into a node script under scripts/ (environment through process.env, child processes
// through child_process.spawn of process.execPath). The rule, checked below for every script of the root and
// workspace package.json files:
// - Commands are joined only with `&&` or `||`: both shells run the next one on success or failure alike. `;`
//   does not separate commands in cmd, a single `&` runs the left side in the background in sh but not in cmd,
//   and `|`, `<`, `>` lead to POSIX-only tools and files (`grep`, `/dev/null`).
// - No environment assignment (`NODE_ENV=production node …`, `export`, `set`): sh-only or cmd-only syntax.
// - No `$` or `%` (variables and command substitution: sh expands `$X`, cmd expands `%X%`), no backticks, no single
//   quotes (cmd passes them on as part of the argument), no backslashes (an escape in sh, a path in cmd), no
//   `( ) { } ~`, and no unquoted `*` or `?` (sh expands a glob, cmd leaves it to the program): put a glob in
//   double quotes, which both shells strip, and let the tool expand it.
// - Each command is `node`, `npm`, `npx` or a command of an installed package (node_modules/.bin), so nothing
//   POSIX-only (rm, cp, mkdir, cat …) runs; `npx` only runs an installed package, never a download; `node` runs a
//   file that exists in the package.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');

interface ScriptContext {
  /** The package directory the script runs in. */
  readonly dir: string;
  /** Whether a package installs a command of this name into node_modules/.bin. */
  readonly isPackageBin: (name: string) => boolean;
}

/** Outside double quotes: characters that either shell reads differently, or only one of them reads. */
const FORBIDDEN: ReadonlyArray<[RegExp, string]> = [
  [/;/, '`;` (cmd does not separate commands with it; use &&)'],
  [/(^|[^&])&(?!&)/, 'a single `&` (background in sh, sequence in cmd)'],
  [/(^|[^|])\|(?!\|)/, 'a pipe (`|`)'],
  [/[<>]/, 'a redirection (`<`, `>`)'],
  [/\$/, '`$` (sh variables and command substitution)'],
  [/%/, '`%` (cmd variables)'],
  [/`/, 'a backtick'],
  [/'/, 'single quotes (cmd keeps them in the argument)'],
  [/\\/, 'a backslash'],
  [/[(){}~]/, 'grouping, braces or `~`'],
  [/[*?]/, 'an unquoted glob (sh expands it, cmd does not; use double quotes)'],
];

/** Splits a script into commands of words, with the text outside double quotes for the syntax checks. */
function parse(script: string): { commands: string[][]; unquoted: string; unbalanced: boolean } {
  const commands: string[][] = [[]];
  let word: string | null = null;
  let unquoted = '';
  let inQuotes = false;
  const endWord = () => {
    if (word !== null) commands.at(-1)?.push(word);
    word = null;
  };
  for (let i = 0; i < script.length; i += 1) {
    const char = script.charAt(i);
    if (char === '"') {
      inQuotes = !inQuotes;
      word ??= '';
      continue;
    }
    if (inQuotes) {
      word = (word ?? '') + char;
      continue;
    }
    const pair = script.slice(i, i + 2);
    if (pair === '&&' || pair === '||') {
      endWord();
      commands.push([]);
      unquoted += ' ';
      i += 1;
      continue;
    }
    unquoted += char;
    if (/\s/.test(char)) endWord();
    else word = (word ?? '') + char;
  }
  endWord();
  return { commands, unquoted, unbalanced: inQuotes };
}

/** Why `script` would not run the same under sh and cmd.exe; empty when it would. */
function scriptProblems(script: string, context: ScriptContext): string[] {
  const { commands, unquoted, unbalanced } = parse(script);
  const problems: string[] = [];
  if (unbalanced) problems.push('an unclosed double quote');
  for (const [pattern, what] of FORBIDDEN) if (pattern.test(unquoted)) problems.push(what);
  for (const words of commands) {
    const [command, ...args] = words;
    if (command === undefined) {
      problems.push('an empty command');
      continue;
    }
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(command)) {
      problems.push(`an environment assignment (${command}); set it in a node script through process.env`);
    } else if (command === 'npx') {
      const tool = args.find((arg) => !arg.startsWith('-'));
      if (!tool || !context.isPackageBin(tool))
        problems.push(`npx ${tool ?? ''}: not an installed package command`);
    } else if (command === 'node') {
      const file = args.find((arg) => !arg.startsWith('-'));
      if (file && !fs.existsSync(path.join(context.dir, file))) problems.push(`node ${file}: no such file`);
    } else if (command !== 'npm' && !context.isPackageBin(command)) {
      problems.push(`${command}: neither node, npm, npx nor an installed package command`);
    }
  }
  return problems;
}

const binDir = path.join(repoRoot, 'node_modules/.bin');
const isPackageBin = (name: string) =>
  ['', '.cmd'].some((suffix) => fs.existsSync(path.join(binDir, `${name}${suffix}`)));

interface PackageJson {
  readonly workspaces?: readonly string[];
  readonly scripts?: Readonly<Record<string, string>>;
}
const readPackage = (dir: string): PackageJson =>
  JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;

const rootPackage = readPackage(repoRoot);
const packageDirs = [repoRoot, ...(rootPackage.workspaces ?? []).map((dir) => path.join(repoRoot, dir))];

describe('npm scripts run the same under sh and cmd.exe', () => {
  it.each(packageDirs.map((dir) => [path.relative(repoRoot, dir) || '(root)', dir]))('%s', (_name, dir) => {
    const scripts = readPackage(dir).scripts ?? {};
    const problems = Object.entries(scripts).flatMap(([name, script]) =>
      scriptProblems(script, { dir, isPackageBin }).map((problem) => `${name}: ${problem}`),
    );
    expect(problems).toEqual([]);
  });

  it('the root package has the scripts the README names', () => {
    expect(Object.keys(rootPackage.scripts ?? {})).toEqual(
      expect.arrayContaining(['start', 'dev', 'build', 'test', 'typecheck', 'lint']),
    );
  });
});

describe('the rule itself', () => {
  const context: ScriptContext = {
    dir: repoRoot,
    isPackageBin: (name) => ['vite', 'vitest', 'tsx'].includes(name),
  };
  const BAD: ReadonlyArray<[string, RegExp]> = [
    ['NODE_ENV=production node scripts/start.mjs', /environment assignment \(NODE_ENV=production\)/],
    ['npm run build && NODE_ENV=production node scripts/start.mjs', /environment assignment/],
    ['export HOST=0.0.0.0 && npm start', /export: neither/],
    ['set HOST=0.0.0.0&& npm start', /set: neither/],
    ['rm -rf dist && vite build', /rm: neither/],
    ['cp -r client/public dist', /cp: neither/],
    ['mkdir -p dist', /mkdir: neither/],
    ['vite build; npm run build:server', /`;`/],
    ['vite build & npm run build:server', /single `&`/],
    ['vitest run | tee out.txt', /pipe/],
    ['vitest run 2>/dev/null', /redirection/],
    ['node scripts/start.mjs $PORT', /`\$`/],
    ['node scripts/start.mjs %PORT%', /`%`/],
    ["vitest run 'tests/unit'", /single quotes/],
    ['vitest run tests/**/*.test.ts', /unquoted glob/],
    ['node scripts\\start.mjs', /backslash/],
    ['npx some-tool-not-installed', /not an installed package command/],
    ['node scripts/no-such-file.mjs', /no such file/],
    ['vitest run "tests/unit', /unclosed double quote/],
  ];
  it.each(BAD)('rejects %s', (script, problem) => {
    expect(scriptProblems(script, context).join('\n')).toMatch(problem);
  });

  const GOOD = [
    'node scripts/start.mjs node --no-memory-reducer dist/server/main.mjs',
    'npm run build && vitest run --project unit',
    'vitest run "tests/**/*.test.ts" || npm run summary',
    'npx vite build',
    'tsx tests/browser/prerequisites.ts && npm run build',
  ];
  it.each(GOOD)('accepts %s', (script) => {
    expect(scriptProblems(script, context)).toEqual([]);
  });
});
