import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * `common-ground-2026-12-06T130601Z.<ext>` in `dir`, in UTC (no colons: Windows forbids them in file names); a
 * second backup within the same second gets `-2`, `-3`…, so one never overwrites another.
 */
export function timestampedFile(dir: string, now: Date, ext: string): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '');
  for (let n = 1; ; n++) {
    const file = path.join(dir, `common-ground-${stamp}${n === 1 ? '' : `-${n}`}.${ext}`);
    if (!fs.existsSync(file) && !fs.existsSync(partialOf(file))) return file;
  }
}

/** Where a backup is written until it is verified: a name no restore or schedule mistakes for a backup. */
export const partialOf = (file: string): string => `${file}.partial`;

/** The checksum file beside a backup, in the format `sha256sum -c` reads. */
export const checksumOf = (file: string): string => `${file}.sha256`;

export function sha256File(file: string): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    for (;;) {
      const read = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

/** Writes `<file>.sha256` for a finished backup. */
export function writeChecksum(file: string, hex: string): string {
  const target = checksumOf(file);
  fs.writeFileSync(target, `${hex}  ${path.basename(file)}\n`);
  return target;
}

/**
 * The checksum `<file>.sha256` records: null when there is no such file (a backup copied without it), the hex
 * digest otherwise; a file that holds no digest counts as a wrong one.
 */
export function recordedChecksum(file: string): string | null {
  let text: string;
  try {
    text = fs.readFileSync(checksumOf(file), 'utf8');
  } catch {
    return null;
  }
  return /^([0-9a-f]{64})\b/i.exec(text.trim())?.[1]?.toLowerCase() ?? '';
}

/** Flushes a written file to the disk, so a power cut after "done" cannot take it back. */
export function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Removes files if they exist (cleaning up after a failure must not fail itself). */
export function removeQuietly(...files: string[]): void {
  for (const file of files) fs.rmSync(file, { force: true });
}

/** Plain-words size: 4.2 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** A custom-format dump begins with these bytes (pg_dump's magic). */
const DUMP_MAGIC = 'PGDMP';

/** Whether `file` is a pg_dump archive in the custom format. */
export function isPostgresDump(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(DUMP_MAGIC.length);
    return fs.readSync(fd, head, 0, head.length, 0) === head.length && head.toString('latin1') === DUMP_MAGIC;
  } finally {
    fs.closeSync(fd);
  }
}
