#!/usr/bin/env node
// `node bench/compare.mjs OLDER.md NEWER.md [NEWEST.md …]`: every ratio of two or more results.md files side by
// side, one column per run (ours ÷ best anchor, or an engine ÷ SQLite, each from its own run), so a change is read
// as ratios measured in the same run, never as absolute figures from runs on a machine whose load differs.
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Map of `section (table n) · row · column` → ratio cell, for every column whose header names a ratio. */
export function ratioCells(markdown) {
  const cells = new Map();
  let section = '';
  let tables = 0;
  let header = null;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('## ')) {
      // "Fan-out: 1 writer at 20 updates/s, …" → "Fan-out"
      section = line.slice(3).split(':')[0].trim();
      tables = 0;
      header = null;
      continue;
    }
    if (!line.startsWith('|')) {
      header = null;
      continue;
    }
    const row = line
      .slice(1, -1)
      .split('|')
      .map((cell) => cell.trim());
    if (!header) {
      header = row;
      tables += 1;
      continue;
    }
    if (row.every((cell) => /^-+$/.test(cell))) continue;
    // The engine table names a row by its shape and engine; every other table by its first cell.
    const keyCells = header[1] === 'engine' ? 2 : 1;
    const name = row.slice(0, keyCells).join(' · ');
    header.forEach((column, i) => {
      if (i < keyCells || !/ratio|÷/.test(column) || !row[i]) return;
      const table = tables > 1 ? ` (table ${tables})` : '';
      cells.set(`${section}${table} · ${name} · ${column}`, row[i]);
    });
  }
  return cells;
}

/** The run's start from the header of results.md ("run 2026-12-06T19:00:27.321Z → …"), to head its column. */
export function runStart(markdown) {
  return /; run (\d{4}-\d\d-\d\dT\d\d:\d\d)/.exec(markdown)?.[1].replace('T', ' ') ?? null;
}

/** A markdown table of every ratio in any of the files, one column per file, in the order the files list them. */
export function compareMarkdown(...runs) {
  const cells = runs.map(ratioCells);
  const keys = [...new Set(cells.flatMap((c) => [...c.keys()]))];
  const heads = runs.map((markdown, i) => runStart(markdown) ?? `run ${i + 1}`);
  return [
    `| row | ${heads.join(' | ')} |`,
    `|---|${heads.map(() => '---').join('|')}|`,
    ...keys.map((key) => `| ${key} | ${cells.map((c) => c.get(key) ?? '–').join(' | ')} |`),
  ].join('\n');
}

// pathToFileURL: a path with spaces or other characters a URL escapes must still count as run directly.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const files = process.argv.slice(2);
  if (files.length < 2) {
    process.stderr.write('usage: node bench/compare.mjs OLDER.md NEWER.md [NEWEST.md …]\n');
    process.exit(2);
  }
  process.stdout.write(`${compareMarkdown(...files.map((file) => fs.readFileSync(file, 'utf8')))}\n`);
}
