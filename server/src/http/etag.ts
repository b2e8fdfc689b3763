import { createHash } from 'node:crypto';
import fs from 'node:fs';

/** A strong entity tag: the first 128 bits of the body's SHA-256, base64url, quoted as RFC 9110 wants. */
export function etagOf(body: Buffer | string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
}

/**
 * Whether an If-None-Match header names `etag` (or is `*`), so the client's copy is current and the answer is
 * 304. If-None-Match compares weakly: a `W/` tag the client holds matches the strong tag it came from.
 */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

interface CachedFile {
  readonly version: string;
  readonly body: Buffer;
  readonly etag: string;
}

/**
 * File bodies with their ETags, read and hashed once per file version: a version is the file's mtime and size,
 * so a file replaced by a new build is read again on its next request. Holds what the build put in the static
 * directory (a bounded set), not anything a request names: only existing files reach it.
 */
export class FileCache {
  private readonly files = new Map<string, CachedFile>();

  /** The file's body and ETag; null if it is not a file (missing, or a directory). */
  read(file: string): { body: Buffer; etag: string } | null {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return null;
    }
    if (!stat.isFile()) return null;
    const version = `${stat.mtimeMs}:${stat.size}`;
    const cached = this.files.get(file);
    if (cached?.version === version) return cached;
    const body = fs.readFileSync(file);
    const fresh = { version, body, etag: etagOf(body) };
    this.files.set(file, fresh);
    return fresh;
  }
}

/** ETags of generated text (the pages' HTML, a few variants per build), hashed once per distinct text. */
export class TextTags {
  private readonly tags = new Map<string, string>();

  constructor(private readonly max = 16) {}

  of(text: string): string {
    const known = this.tags.get(text);
    if (known) return known;
    // A new build makes new variants; the old ones are never asked for again.
    if (this.tags.size >= this.max) this.tags.clear();
    const etag = etagOf(text);
    this.tags.set(text, etag);
    return etag;
  }
}
