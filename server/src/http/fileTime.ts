import fs from 'node:fs';

/** A file's modification time in ms; null if it is not a file (missing, or a directory). */
export function modifiedAt(file: string): number | null {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() ? stat.mtimeMs : null;
  } catch {
    return null;
  }
}
