import pino, { type DestinationStream } from 'pino';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
type LineLevel = Exclude<LogLevel, 'silent'>;

type Fields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
}

/** Receives one finished JSON line (no newline) and the level it was logged at. */
export type WriteLine = (level: LineLevel, line: string) => void;

/** Errors do not serialise with JSON.stringify; keep what helps an operator. */
function plain(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

function plainFields(fields: Fields): Fields {
  const out: Fields = {};
  for (const [key, value] of Object.entries(fields)) out[key] = plain(value);
  return out;
}

/**
 * A pino stream that hands each line to `write` with its level: pino fills in `lastLevel` before every write
 * on a stream that asks for metadata.
 */
function routedStream(write: WriteLine): DestinationStream {
  const stream = {
    [pino.symbols.needsMetadataGsym]: true,
    lastLevel: 0,
    write(chunk: string) {
      const label = pino.levels.labels[stream.lastLevel];
      const level: LineLevel = label === 'debug' || label === 'info' || label === 'warn' ? label : 'error';
      write(level, chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk);
    },
  };
  return stream;
}

/**
 * One JSON object per line: debug and info on stdout, warn and error on stderr (as before pino; the test helpers
 * and operators read warnings from stderr). A logging call never throws: a closed pipe must not take the server
 * down or, through the crash handler logging the failure, into a loop.
 */
export function createLogger(level: LogLevel, write: WriteLine = standardWriter()): Logger {
  const logger = pino(
    {
      level,
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: plainFields },
    },
    routedStream(write),
  );
  const emit = (lvl: LineLevel, msg: string, fields: Fields = {}) => {
    try {
      logger[lvl](fields, msg);
    } catch {
      // Nowhere left to report a failed log line; the caller's work matters more than the line.
    }
  };
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
  };
}

/**
 * A synchronous pino destination on a file descriptor that swallows its write errors. pino's own EPIPE filter
 * turns the stream into a no-op on a closed pipe but re-emits every other error, and an 'error' event nobody
 * listens to would throw out of the logging call. On EAGAIN (a non-blocking pipe whose reader is behind) the
 * line stays buffered instead of sleeping the event loop until the reader catches up; `maxLength` bounds that
 * buffer, later lines are dropped.
 */
function safeDestination(fd: number): ReturnType<typeof pino.destination> {
  const destination = pino.destination({
    dest: fd,
    sync: true,
    maxLength: 1024 * 1024,
    retryEAGAIN: () => false,
  });
  // Deliberately silent: logging the failure would write to the same broken destination again.
  destination.on('error', () => {});
  return destination;
}

/** Lines to stdout (debug, info) and stderr (warn, error), written through EPIPE-safe destinations. */
export function fdWriter(outFd: number, errFd: number): WriteLine {
  const out = safeDestination(outFd);
  const err = outFd === errFd ? out : safeDestination(errFd);
  return (level, line) => {
    try {
      (level === 'warn' || level === 'error' ? err : out).write(`${line}\n`);
    } catch {
      // A destroyed destination throws; see safeDestination.
    }
  };
}

// Every logger and `printLine` share one destination per descriptor, so their lines never interleave mid-line.
let standard: WriteLine | undefined;
function standardWriter(): WriteLine {
  standard ??= fdWriter(1, 2);
  return standard;
}

/** One JSON line on stdout whatever the log level (scripts read the port from the 'listening' line); never throws. */
export function printLine(entry: Fields): void {
  standardWriter()('info', JSON.stringify(entry));
}

/** Text for a person at the terminal (round-table mode's join address), on stdout between the log lines. */
export function printText(text: string): void {
  standardWriter()('info', text);
}
