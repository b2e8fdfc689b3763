import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import {
  isPostgresDump,
  partialOf,
  recordedChecksum,
  removeQuietly,
  sha256File,
  syncFile,
  timestampedFile,
  writeChecksum,
} from './files';
import { BackupError, describe, type TableCount } from './sqliteFile';

export interface PostgresBackupReport {
  readonly file: string;
  readonly checksumFile: string;
  readonly sha256: string;
  readonly bytes: number;
  /** Rows of every table in the snapshot pg_dump read. */
  readonly tables: readonly TableCount[];
  /** Table-data entries pg_restore --list found in the finished file. */
  readonly dataEntries: number;
}

export interface PostgresRestoreReport {
  readonly file: string;
  readonly tables: readonly TableCount[];
  readonly checksumVerified: boolean;
}

/** The commands an operator runs by hand when pg_dump is not installed here (the password is never printed). */
export function manualCommands(databaseUrl: string): string {
  const url = withoutPassword(databaseUrl);
  return [
    `  pg_dump --format=custom --file=common-ground.dump "${url}"`,
    '  # restore into a new, empty database:',
    `  pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="<empty database URL>" common-ground.dump`,
  ].join('\n');
}

/** Whether `tool` runs from PATH (`pg_dump --version`). */
export function hasTool(tool: 'pg_dump' | 'pg_restore'): boolean {
  const result = spawnSync(tool, ['--version'], { stdio: 'ignore' });
  return !result.error && result.status === 0;
}

/**
 * pg_dump of the whole database in its custom format. A transaction here exports its snapshot, counts every
 * table's rows in it and hands it to pg_dump (--snapshot), so the dump holds exactly those rows: every commit
 * acknowledged before the backup began, nothing half-done. Written under `.partial`, listed by pg_restore to
 * check that the archive reads back with every table's data, checksummed, then renamed; removed on failure.
 */
export async function backupPostgres(options: {
  readonly databaseUrl: string;
  readonly outDir: string;
  readonly now?: Date;
  readonly onPartial?: (file: string | null) => void;
}): Promise<PostgresBackupReport> {
  if (!hasTool('pg_dump')) {
    throw new BackupError(
      `DATABASE_URL is set, so the data is in PostgreSQL, and pg_dump is not installed here (Debian/Ubuntu: apt install postgresql-client). With it, run:\n${manualCommands(options.databaseUrl)}`,
    );
  }
  const outDir = path.resolve(options.outDir);
  try {
    fs.mkdirSync(outDir, { recursive: true });
  } catch (error) {
    throw new BackupError(`Cannot create the backup folder ${outDir}: ${describe(error)}`);
  }
  const file = timestampedFile(outDir, options.now ?? new Date(), 'dump');
  const partial = partialOf(file);
  options.onPartial?.(partial);
  const client = new pg.Client({ connectionString: options.databaseUrl });
  try {
    await client.connect().catch((error: unknown) => {
      throw new BackupError(`Cannot connect to the database at DATABASE_URL: ${describe(error)}`);
    });
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const snapshot =
      (await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0]?.id ?? '';
    const tables = await countTables(client);
    if (!tables.some((t) => t.table === 'boards')) {
      throw new BackupError(
        'The database at DATABASE_URL holds no Common Ground data (no boards table): is DATABASE_URL the one the server uses?',
      );
    }
    await runTool('pg_dump', options.databaseUrl, [
      '--format=custom',
      `--snapshot=${snapshot}`,
      `--file=${partial}`,
    ]);
    await client.query('COMMIT');
    const listing = await runTool('pg_restore', null, ['--list', partial]);
    const dataEntries = listing.split('\n').filter((line) => / TABLE DATA /.test(line)).length;
    const withRows = tables.filter((t) => t.rows > 0).length;
    if (dataEntries < withRows) {
      throw new BackupError(
        `The dump lists data for ${dataEntries} tables, the database has ${withRows} with rows`,
      );
    }
    syncFile(partial);
    const sha256 = sha256File(partial);
    const bytes = fs.statSync(partial).size;
    fs.renameSync(partial, file);
    options.onPartial?.(null);
    const checksumFile = writeChecksum(file, sha256);
    return { file, checksumFile, sha256, bytes, tables, dataEntries };
  } catch (error) {
    removeQuietly(partial);
    options.onPartial?.(null);
    if (error instanceof BackupError) throw error;
    throw new BackupError(`The backup failed: ${describe(error)}`);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * pg_restore of a custom-format dump into the database at `databaseUrl`, which must hold no tables (refused,
 * nothing changed, otherwise). One transaction: a dump that fails halfway leaves the database empty.
 */
export async function restorePostgres(options: {
  readonly file: string;
  readonly databaseUrl: string;
}): Promise<PostgresRestoreReport> {
  const file = path.resolve(options.file);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile())
    throw new BackupError(`There is no backup file at ${file}.`);
  if (!isPostgresDump(file)) {
    throw new BackupError(
      `${file} is not a PostgreSQL dump (pg_dump --format=custom). DATABASE_URL is set, so the restore goes into PostgreSQL; a SQLite backup is restored without DATABASE_URL (and moved over with npm run migrate:postgres).`,
    );
  }
  if (!hasTool('pg_restore')) {
    throw new BackupError(
      `pg_restore is not installed here (Debian/Ubuntu: apt install postgresql-client). With it, run:\n${manualCommands(options.databaseUrl)}`,
    );
  }
  const recorded = recordedChecksum(file);
  if (recorded !== null && recorded !== sha256File(file)) {
    throw new BackupError(
      `${file} is not the file that was backed up: its SHA-256 differs from its .sha256 file.`,
    );
  }
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect().catch((error: unknown) => {
    throw new BackupError(`Cannot connect to the database: ${describe(error)}`);
  });
  try {
    const existing = await countTables(client);
    if (existing.length > 0) {
      throw new BackupError(
        `The database already holds ${existing.length} tables (${existing
          .slice(0, 3)
          .map((t) => t.table)
          .join(', ')}…); nothing was changed. Restore only into a new, empty database (CREATE DATABASE …).`,
      );
    }
    await runTool('pg_restore', options.databaseUrl, [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      '--single-transaction',
      file,
    ]);
    return { file, tables: await countTables(client), checksumVerified: recorded !== null };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`The restore failed: ${describe(error)}`);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Every table in the connection's schema with its row count (inside the client's current transaction). */
async function countTables(client: pg.Client): Promise<TableCount[]> {
  const names = await client.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name COLLATE "C"`,
  );
  const counts: TableCount[] = [];
  for (const { name } of names.rows) {
    // The name comes from the catalogue; quoted as an identifier all the same.
    const result = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM "${name.replaceAll('"', '""')}"`,
    );
    counts.push({ table: name, rows: Number(result.rows[0]?.n ?? 0) });
  }
  return counts;
}

/**
 * Runs pg_dump or pg_restore with the connection in `databaseUrl` (password through PGPASSWORD, so it never
 * shows in the process list); resolves with its stdout, rejects with its stderr.
 */
function runTool(
  tool: 'pg_dump' | 'pg_restore',
  databaseUrl: string | null,
  args: readonly string[],
): Promise<string> {
  const env = { ...process.env };
  const connection: string[] = [];
  if (databaseUrl) {
    const password = new URL(databaseUrl).password;
    if (password) env.PGPASSWORD = decodeURIComponent(password);
    connection.push(`--dbname=${withoutPassword(databaseUrl)}`);
  }
  return new Promise((resolve, reject) => {
    const child = spawn(tool, [...connection, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', (error) => reject(new BackupError(`${tool} could not run: ${error.message}`)));
    child.once('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new BackupError(`${tool} failed (exit code ${code}): ${stderr.trim() || 'no message'}`));
    });
  });
}

function withoutPassword(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.password = '';
  return url.toString();
}
