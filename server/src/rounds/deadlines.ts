import type { Logger } from '../log';
import type { RoundService } from './service';

/** How often open rounds are checked against their deadline; a deadline is honoured within this much. */
export const DEADLINE_SWEEP_MS = 1000;

/**
 * Closes due rounds now (a deadline that passed while the server was down) and then every interval, polling the
 * injected clock rather than arming a timer per round: a test or a clock change moving time forward is seen at
 * the next tick. Returns the stop function.
 */
export function startDeadlineSweep(
  rounds: RoundService,
  log: Logger,
  intervalMs = DEADLINE_SWEEP_MS,
): () => void {
  const sweep = () => {
    try {
      const closed = rounds.sweepDeadlines();
      if (closed > 0) log.info('rounds closed at their deadline', { closed });
    } catch (error) {
      log.error('deadline sweep failed', { error });
    }
  };
  sweep();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
