import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checksumOf,
  formatBytes,
  partialOf,
  recordedChecksum,
  timestampedFile,
  writeChecksum,
} from './files';
import { summarise } from './report';
import { compareCounts } from './sqliteBackup';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-backup-unit-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup files', () => {
  const at = new Date('2026-12-06T13:06:01.234Z');

  it('names a backup by its UTC time without colons, and never reuses a name (nor one being written)', () => {
    const dir = tempDir();
    const first = timestampedFile(dir, at, 'sqlite');
    expect(path.basename(first)).toBe('common-ground-2026-12-06T130601Z.sqlite');
    fs.writeFileSync(first, '');
    const second = timestampedFile(dir, at, 'sqlite');
    expect(path.basename(second)).toBe('common-ground-2026-12-06T130601Z-2.sqlite');
    fs.writeFileSync(partialOf(second), '');
    expect(path.basename(timestampedFile(dir, at, 'sqlite'))).toBe(
      'common-ground-2026-12-06T130601Z-3.sqlite',
    );
  });

  it('writes a checksum sha256sum reads, and reads back only a well-formed one', () => {
    const dir = tempDir();
    const file = path.join(dir, 'common-ground-x.sqlite');
    const hex = 'ab'.repeat(32);
    writeChecksum(file, hex);
    expect(fs.readFileSync(checksumOf(file), 'utf8')).toBe(`${hex}  common-ground-x.sqlite\n`);
    expect(recordedChecksum(file)).toBe(hex);
    fs.writeFileSync(checksumOf(file), 'garbage');
    expect(recordedChecksum(file), 'an unreadable checksum counts as a wrong one').toBe('');
    expect(recordedChecksum(path.join(dir, 'none.sqlite'))).toBeNull();
  });

  it('says in words what differs between the database and the copy', () => {
    const source = [
      { table: 'boards', rows: 2 },
      { table: 'stances', rows: 5 },
    ];
    expect(compareCounts(source, source)).toEqual([]);
    expect(
      compareCounts(source, [
        { table: 'boards', rows: 2 },
        { table: 'stances', rows: 4 },
        { table: 'extra', rows: 0 },
      ]),
    ).toEqual(['stances: 5 rows in the database, 4 in the copy', 'extra: only in the copy']);
    expect(compareCounts(source, [{ table: 'boards', rows: 2 }])).toEqual([
      'stances: 5 rows in the database, no table in the copy',
    ]);
  });

  it('summarises what a backup holds in plain words', () => {
    expect(
      summarise([
        { table: 'boards', rows: 1 },
        { table: 'participants', rows: 4 },
        { table: 'stances', rows: 0 },
        { table: 'invites', rows: 3 },
      ]),
    ).toBe('1 board, 4 participants, 0 stances (8 rows in 4 tables)');
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });
});
