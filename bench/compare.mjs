#!/usr/bin/env node
// `node bench/compare.mjs BEFORE.md AFTER.md`: every ratio of two results.md files side by side (ours ÷ best
// anchor, or an engine ÷ SQLite, each from its own run), so a change is read as ratios measured in the same run,
// never as absolute figures from two runs on a machine whose load differs.
import fs from 'node:fs';

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

/** A markdown table of every ratio in either file, in the order the files list them. */
export function compareMarkdown(before, after) {
  const was = ratioCells(before);
  const now = ratioCells(after);
  const keys = [...new Set([...was.keys(), ...now.keys()])];
  return [
    '| row | before | after |',
    '|---|---|---|',
    ...keys.map((key) => `| ${key} | ${was.get(key) ?? '–'} | ${now.get(key) ?? '–'} |`),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [beforeFile, afterFile] = process.argv.slice(2);
  if (!beforeFile || !afterFile) {
    process.stderr.write('usage: node bench/compare.mjs BEFORE.md AFTER.md\n');
    process.exit(2);
  }
  const read = (file) => fs.readFileSync(file, 'utf8');
  process.stdout.write(`${compareMarkdown(read(beforeFile), read(afterFile))}\n`);
}
