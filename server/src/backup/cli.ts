import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { formatBytes, isPostgresDump } from './files';
import { countTable, summarise } from './report';
import { BackupError } from './sqliteFile';

const BACKUP_USAGE = `Writes a verified backup of the server's data while the server runs.

Usage: npm run backup [-- --out <folder>]
  --out   the folder for the backup file (default: <DATA_DIR>/backups)

SQLite (the default): a consistent copy of DATA_DIR/common-ground.sqlite made with SQLite's backup API, checked
(integrity, row counts) and named common-ground-<UTC time>.sqlite, with a .sha256 checksum beside it.
PostgreSQL (DATABASE_URL set): pg_dump --format=custom into common-ground-<UTC time>.dump, if pg_dump is installed.
Exits 0 when the backup is written and verified, 1 otherwise (and leaves no half-written file).`;

const RESTORE_USAGE = `Restores a backup made by npm run backup, after verifying it.

Usage: npm run restore -- <backup file> [--data-dir <folder>]
  --data-dir   where to restore a SQLite backup (default: DATA_DIR, else ./data); it must hold no database

With DATABASE_URL set, restores a .dump into that database with pg_restore; it must be empty (no tables).
Refuses, changing nothing, when the target already holds data or the file is damaged or not a backup.`;

/** The file a signal would leave half-written; removed before the process ends. */
let partial: string | null = null;
const onPartial = (file: string | null) => {
  partial = file;
};

/** Ctrl+C or a stop from a scheduler during a backup: remove the unverified file, then end. */
function removePartialOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (partial) fs.rmSync(partial, { force: true });
      console.error(`Interrupted (${signal}): no backup was written.`);
      process.exit(1);
    });
  }
}

async function backup(args: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(BACKUP_USAGE);
    return 0;
  }
  removePartialOnSignals();
  const config = loadConfig();
  const outDir = path.resolve(values.out ?? path.join(config.dataDir, 'backups'));
  if (config.databaseUrl) {
    const { backupPostgres } = await import('./postgres');
    console.log(
      'DATABASE_URL is set: the data is in PostgreSQL, so the backup is a pg_dump (custom format).',
    );
    const report = await backupPostgres({ databaseUrl: config.databaseUrl, outDir, onPartial });
    console.log(`Backup written and checked:\n  ${report.file} (${formatBytes(report.bytes)})`);
    console.log(`  checksum: ${report.checksumFile}`);
    console.log(`It holds ${summarise(report.tables)}, as the database was when the backup began.`);
    console.log(`pg_restore reads it back: ${report.dataEntries} tables with data. Rows per table:`);
    console.log(countTable(report.tables, 'rows'));
    console.log(
      `Restore it into a new, empty database with: DATABASE_URL=<empty database> npm run restore -- "${report.file}"`,
    );
    return 0;
  }
  const { backupSqlite } = await import('./sqliteBackup');
  const report = await backupSqlite({ dataDir: config.dataDir, outDir, onPartial });
  console.log(`Backup written and verified:\n  ${report.file} (${formatBytes(report.contents.bytes)})`);
  console.log(`  checksum: ${report.checksumFile}`);
  console.log(
    `It holds ${summarise(report.contents.tables)}, as ${report.source} was when the backup began.`,
  );
  console.log("SQLite's integrity check: ok. Rows in every table, database and backup:");
  console.log(
    countTable(report.sourceTables, 'database', { heading: 'backup', tables: report.contents.tables }),
  );
  console.log(`Restore it into an empty data directory with: npm run restore -- "${report.file}"`);
  return 0;
}

async function restore(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(RESTORE_USAGE);
    return 0;
  }
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    console.error(`Name one backup file.\n\n${RESTORE_USAGE}`);
    return 1;
  }
  const config = loadConfig();
  if (config.databaseUrl) {
    const { restorePostgres } = await import('./postgres');
    const report = await restorePostgres({ file, databaseUrl: config.databaseUrl });
    console.log(`Restored ${report.file} into the database at DATABASE_URL.`);
    console.log(
      `${report.checksumVerified ? 'Checksum: ok. ' : 'No .sha256 file beside it to check. '}It holds ${summarise(report.tables)}:`,
    );
    console.log(countTable(report.tables, 'rows'));
    return 0;
  }
  const { restoreSqlite } = await import('./sqliteRestore');
  if (fs.existsSync(file) && fs.statSync(file).isFile() && isPostgresDump(file)) {
    throw new BackupError(
      `${file} is a PostgreSQL dump: set DATABASE_URL to a new, empty database to restore it.`,
    );
  }
  const dataDir = path.resolve(values['data-dir'] ?? config.dataDir);
  const report = restoreSqlite({ file, dataDir });
  console.log(`Restored ${report.file}\n  into ${report.target}`);
  console.log(
    `${report.checksumVerified ? 'Checksum: ok. ' : 'No .sha256 file beside it to check. '}SQLite's integrity check: ok. It holds ${summarise(report.contents.tables)}:`,
  );
  console.log(countTable(report.contents.tables, 'rows'));
  console.log(`Start the server on it with DATA_DIR=${dataDir} (npm start).`);
  return 0;
}

const [command, ...rest] = process.argv.slice(2);
const run = command === 'backup' ? backup : command === 'restore' ? restore : null;
if (!run) {
  console.error('Usage: tsx server/src/backup/cli.ts backup|restore …');
  process.exitCode = 1;
} else {
  run(rest).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // A BackupError is the plain-words answer; anything else also gets its message, never a silent exit 0.
      const message = error instanceof Error ? error.message : String(error);
      console.error(error instanceof BackupError ? message : `${command} failed: ${message}`);
      process.exitCode = 1;
    },
  );
}
