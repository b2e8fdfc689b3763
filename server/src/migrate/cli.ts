import { parseArgs } from 'node:util';
import { type MigrationReport, migrateSqliteToPostgres } from './migrate';

const USAGE = `Copies a SQLite data directory into an empty PostgreSQL database and verifies the copy.

Usage: npm run migrate:postgres -- [--data-dir <dir>] [--database-url <postgres://…>]
  --data-dir       the directory holding common-ground.sqlite (default: DATA_DIR, else ./data)
  --database-url   the empty target database (default: DATABASE_URL)

Stop the server first. Exits 0 when every table and document matches, 1 otherwise.`;

function printReport(report: MigrationReport): void {
  const width = Math.max(...report.tables.map((t) => t.table.length));
  console.log(`${'table'.padEnd(width)}  ${'sqlite'.padStart(8)}  ${'postgres'.padStart(8)}`);
  for (const t of report.tables) {
    const mark = t.sqlite === t.postgres ? '' : '  MISMATCH';
    console.log(
      `${t.table.padEnd(width)}  ${String(t.sqlite).padStart(8)}  ${String(t.postgres).padStart(8)}${mark}`,
    );
  }
  console.log(`documents copied: ${report.documentsCopied}, verified: ${report.documentsVerified}`);
  for (const problem of report.problems) console.error(`problem: ${problem}`);
  console.log(report.problems.length === 0 ? 'migration verified' : `${report.problems.length} problem(s)`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const dataDir = values['data-dir'] ?? process.env.DATA_DIR ?? './data';
  const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error(`A database URL is needed.\n\n${USAGE}`);
    return 1;
  }
  const report = await migrateSqliteToPostgres({ dataDir, databaseUrl });
  printReport(report);
  return report.problems.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`migration failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
