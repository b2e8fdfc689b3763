import { type ChildProcess, spawn } from 'node:child_process';
import type { Logger } from '../log';
import { type Backoff, createBackoff } from './backoff';

export interface SuperviseOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly log: Logger;
  readonly backoff?: Backoff;
  /** After a forwarded signal: how long the child may take to exit before it is killed (its own limit is 5 s). */
  readonly stopGraceMs?: number;
  /** Where SIGTERM and SIGINT arrive: this process by default, an emitter in tests. */
  readonly signals?: NodeJS.EventEmitter;
}

/**
 * Runs the child with this process's stdio and restarts it with backoff whenever it exits abnormally (non-zero
 * or killed). SIGTERM and SIGINT are forwarded to the child, and the returned promise settles with the exit code
 * for the supervisor once the child has exited: its own code, 0 if it exited cleanly on its own, 1 if it had
 * to be killed.
 */
export function supervise(options: SuperviseOptions): Promise<number> {
  const { command, args, log, backoff = createBackoff(), stopGraceMs = 7000, signals = process } = options;
  return new Promise((resolve) => {
    let child: ChildProcess | undefined;
    let restartTimer: NodeJS.Timeout | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    let stopSignal: NodeJS.Signals | undefined;

    const finish = (code: number): void => {
      clearTimeout(restartTimer);
      clearTimeout(killTimer);
      signals.off('SIGTERM', onSignal);
      signals.off('SIGINT', onSignal);
      resolve(code);
    };

    const start = (): void => {
      const startedAt = performance.now();
      const current = spawn(command, args, { stdio: 'inherit' });
      child = current;
      log.info('server started', { pid: current.pid });
      // A failed spawn (command not found) also ends in 'close', with a negative code: restarted like a crash.
      current.on('error', (error) => log.error('could not run the server', { command, error }));
      current.on('close', (code, signal) => {
        child = undefined;
        if (stopSignal) {
          finish(code ?? (signal === stopSignal ? 0 : 1));
          return;
        }
        if (code === 0) {
          log.info('server exited');
          finish(0);
          return;
        }
        const uptimeMs = Math.round(performance.now() - startedAt);
        const delayMs = backoff.delayAfter(uptimeMs);
        log.warn('server exited; restarting', { code, signal, uptimeMs, delayMs });
        restartTimer = setTimeout(start, delayMs);
      });
    };

    function onSignal(signal: NodeJS.Signals): void {
      // A terminal's Ctrl-C reaches the child too; forwarding once is enough.
      if (stopSignal) return;
      stopSignal = signal;
      log.info('stopping the server', { signal });
      const running = child;
      if (!running) {
        finish(0);
        return;
      }
      running.kill(signal);
      killTimer = setTimeout(() => {
        log.error('server did not stop in time; killing it', { stopGraceMs });
        running.kill('SIGKILL');
        finish(1);
      }, stopGraceMs);
    }

    signals.on('SIGTERM', onSignal);
    signals.on('SIGINT', onSignal);
    start();
  });
}
