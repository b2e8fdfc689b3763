import { formatBytes } from './files';
import type { TableCount } from './sqliteFile';

/** The tables an operator recognises, in the order the summary names them. */
const SUMMARY: readonly (readonly [table: string, one: string, many: string])[] = [
  ['boards', 'board', 'boards'],
  ['participants', 'participant', 'participants'],
  ['rounds', 'consensus round', 'consensus rounds'],
  ['stances', 'stance', 'stances'],
  ['doc_updates', 'logged board change', 'logged board changes'],
];

/** "3 boards, 12 participants, …": what a backup holds in one line. */
export function summarise(tables: readonly TableCount[]): string {
  const rows = new Map(tables.map((t) => [t.table, t.rows]));
  // Sealed log entries are logged board changes too (docs/scaling.md, "The audit log on disk").
  const sealed = tables.reduce((sum, t) => sum + (t.entries ?? 0), 0);
  const parts = SUMMARY.filter(([table]) => rows.has(table)).map(([table, one, many]) => {
    const n = (rows.get(table) ?? 0) + (table === 'doc_updates' ? sealed : 0);
    return `${n} ${n === 1 ? one : many}`;
  });
  const total = tables.reduce((sum, t) => sum + t.rows, 0);
  return `${parts.join(', ')} (${total} rows in ${tables.length} tables)`;
}

/** A table of row counts; with `compare`, a second column and a mark on every row that differs. */
export function countTable(
  tables: readonly TableCount[],
  heading: string,
  compare?: { readonly heading: string; readonly tables: readonly TableCount[] },
): string {
  const width = Math.max(5, ...tables.map((t) => t.table.length));
  const other = new Map(compare?.tables.map((t) => [t.table, t.rows]));
  const lines = [
    `  ${'table'.padEnd(width)}  ${heading.padStart(9)}${compare ? `  ${compare.heading.padStart(9)}` : ''}`,
  ];
  for (const t of tables) {
    const theirs = other.get(t.table);
    const mark = compare && theirs !== t.rows ? '  DIFFERENT' : '';
    lines.push(
      `  ${t.table.padEnd(width)}  ${String(t.rows).padStart(9)}${compare ? `  ${String(theirs ?? '-').padStart(9)}` : ''}${mark}`,
    );
  }
  return lines.join('\n');
}

export { formatBytes };
