import type { Logger } from '../log';
import type { RoundService } from './service';

/** How often open rounds are checked against their deadline; a deadline is honoured within this much. */
export const DEADLINE_SWEEP_MS = 1000;

/**
 * Closes due rounds now (a deadline that passed while the server was down) and then every interval, polling the
 * injected clock rather than arming a timer per round: a test or a clock change moving time forward is seen at
 * the next tick. A tick while the previous sweep still runs is skipped, so sweeps never overlap. `ready` resolves
 * after the first sweep; `stop` resolves once a sweep still running has finished.
 */
export function startDeadlineSweep(
  rounds: RoundService,
  log: Logger,
  intervalMs = DEADLINE_SWEEP_MS,
): { ready: Promise<void>; stop: () => Promise<void> } {
  let running: Promise<void> | null = null;
  const sweep = async () => {
    try {
      const closed = await rounds.sweepDeadlines();
      if (closed > 0) log.info('rounds closed at their deadline', { closed });
    } catch (error) {
      log.error('deadline sweep failed', { error });
    } finally {
      running = null;
    }
  };
  const tick = () => {
    running ??= sweep();
  };
  const ready = sweep();
  running = ready;
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    ready,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
