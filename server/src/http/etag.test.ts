import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { etagOf, FileCache, notModified, TextTags } from './etag';

describe('etagOf', () => {
  it('is a quoted strong tag that depends on the content only', () => {
    expect(etagOf('abc')).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    expect(etagOf('abc')).toBe(etagOf(Buffer.from('abc')));
    expect(etagOf('abc')).not.toBe(etagOf('abd'));
  });
});

describe('notModified (If-None-Match)', () => {
  const tag = etagOf('body');
  it('matches the tag itself, in a list, weakly, or *', () => {
    expect(notModified(tag, tag)).toBe(true);
    expect(notModified(`"other", ${tag}`, tag)).toBe(true);
    expect(notModified(`W/${tag}`, tag)).toBe(true);
    expect(notModified('*', tag)).toBe(true);
  });
  it('does not match another tag, an unquoted one, or no header', () => {
    expect(notModified('"other"', tag)).toBe(false);
    expect(notModified(tag.slice(1, -1), tag)).toBe(false);
    expect(notModified('', tag)).toBe(false);
    expect(notModified(undefined, tag)).toBe(false);
  });
});

describe('FileCache', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-etag-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a file once per version and again when it is replaced', () => {
    const file = path.join(dir, 'app.js');
    fs.writeFileSync(file, 'one');
    const cache = new FileCache();
    const first = cache.read(file);
    expect(first?.body.toString()).toBe('one');
    expect(first?.etag).toBe(etagOf('one'));
    // Same version: the cached entry itself, not a second read.
    expect(cache.read(file)).toBe(first);
    fs.writeFileSync(file, 'two!');
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(file, later, later);
    const second = cache.read(file);
    expect(second?.body.toString()).toBe('two!');
    expect(second?.etag).toBe(etagOf('two!'));
  });

  it('knows no directory and no missing file', () => {
    const cache = new FileCache();
    expect(cache.read(dir)).toBeNull();
    expect(cache.read(path.join(dir, 'missing.js'))).toBeNull();
  });
});

describe('TextTags', () => {
  it('gives each text its content tag, also after forgetting old ones', () => {
    const tags = new TextTags(2);
    for (const text of ['a', 'b', 'c', 'a']) expect(tags.of(text)).toBe(etagOf(text));
  });
});
