import type { Logger } from './log';

export interface ShutdownOptions {
  readonly log: Logger;
  /** Stops accepting and stores what is open; updates are stored before they are sent, so this is a courtesy. */
  readonly close: () => Promise<void>;
  /** How long a graceful close after SIGTERM or SIGINT may take before the process exits anyway. */
  readonly signalGraceMs?: number;
  /** How long the attempt to close after a crash may take. */
  readonly crashGraceMs?: number;
}

/**
 * Every way the process ends. A signal closes the server and exits 0 (1 if closing failed or hung). An uncaught
 * exception or unhandled rejection leaves the process in an unknown state: it is logged, a bounded attempt to
 * close is made, and the process exits 1 so that a supervisor (npm start, systemd) starts a clean one. Signals
 * and crashes during the shutdown change nothing but the exit code: with Ctrl-C the terminal signals the
 * supervisor and the server alike, so a second signal is normal and must not cut the graceful close short.
 */
export function installShutdown({
  log,
  close,
  signalGraceMs = 5000,
  crashGraceMs = 2000,
}: ShutdownOptions): void {
  let exitCode: number | undefined;

  const end = (code: number, graceMs: number): void => {
    const first = exitCode === undefined;
    exitCode = Math.max(exitCode ?? 0, code);
    // Should the event loop run dry before close settles, Node exits with this code instead of 0.
    process.exitCode = exitCode;
    if (!first) return;
    setTimeout(() => {
      log.error('shutdown did not finish in time; exiting', { graceMs });
      process.exit(Math.max(exitCode ?? 1, 1));
    }, graceMs).unref();
    Promise.resolve()
      .then(close)
      .then(
        () => process.exit(exitCode),
        (error: unknown) => {
          log.error('shutdown failed', { error });
          process.exit(1);
        },
      );
  };

  const onSignal = (signal: NodeJS.Signals): void => {
    if (exitCode === undefined) log.info('shutting down', { signal });
    end(0, signalGraceMs);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  // The logger never throws, so these handlers cannot fail into themselves.
  process.on('uncaughtException', (error) => {
    log.error('uncaught exception', { error });
    end(1, crashGraceMs);
  });
  process.on('unhandledRejection', (error) => {
    log.error('unhandled rejection', { error });
    end(1, crashGraceMs);
  });
}
