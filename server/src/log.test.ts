import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, fdWriter, type LogLevel } from './log';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A write end of a pipe whose reader has gone: every write to it fails with EPIPE. */
function brokenPipe(): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'common-ground-log-'));
  const fifo = path.join(dir, 'pipe');
  execFileSync('mkfifo', [fifo]);
  // A non-blocking reader lets the writer open without waiting; closing it leaves the writer without a reader.
  const reader = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  const writer = fs.openSync(fifo, fs.constants.O_WRONLY);
  fs.closeSync(reader);
  cleanups.push(() => {
    fs.closeSync(writer);
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return writer;
}

function logEverything(level: LogLevel, write: ReturnType<typeof fdWriter>): void {
  const log = createLogger(level, write);
  for (let i = 0; i < 50; i++) {
    log.debug('debug', { i });
    log.info('info', { i });
    log.warn('warn', { i, error: new Error('EPIPE on the way') });
    log.error('error', { i, error: new Error('and again') });
  }
}

describe('createLogger', () => {
  it('writes one JSON object per line with the level, time, message and fields, errors with name and stack', () => {
    const lines: [string, string][] = [];
    const log = createLogger('info', (level, line) => lines.push([level, line]));
    log.debug('hidden');
    log.info('joined', { boardId: 'b1' });
    log.error('failed', { error: new TypeError('bad') });
    expect(lines.map(([level]) => level)).toEqual(['info', 'error']);
    const [joined, failed] = lines.map(([, line]) => JSON.parse(line) as Record<string, unknown>);
    expect(joined).toMatchObject({ level: 'info', msg: 'joined', boardId: 'b1' });
    expect(new Date(String(joined?.time)).getTime()).not.toBeNaN();
    expect(failed).toMatchObject({
      level: 'error',
      msg: 'failed',
      error: { name: 'TypeError', message: 'bad', stack: expect.stringContaining('log.test.ts') },
    });
    expect(lines.every(([, line]) => !line.includes('\n'))).toBe(true);
  });

  it('writes nothing when silent', () => {
    const lines: string[] = [];
    const log = createLogger('silent', (_, line) => lines.push(line));
    log.error('nobody hears this');
    expect(lines).toEqual([]);
  });

  it('does not throw when stdout and stderr are pipes whose reader has gone (EPIPE)', () => {
    const fd = brokenPipe();
    // The pipe really is broken: a plain write throws.
    expect(() => fs.writeSync(fd, 'x')).toThrow(expect.objectContaining({ code: 'EPIPE' }));
    expect(() => logEverything('debug', fdWriter(fd, brokenPipe()))).not.toThrow();
  });

  it('does not throw when writing fails otherwise (a closed descriptor)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'common-ground-log-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const fd = fs.openSync(path.join(dir, 'log'), 'w');
    const write = fdWriter(fd, fd);
    fs.closeSync(fd);
    expect(() => logEverything('debug', write)).not.toThrow();
  });
});
