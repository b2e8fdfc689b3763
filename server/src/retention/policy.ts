import type { RetentionConfig } from '../config';

const DAY_MS = 24 * 60 * 60 * 1000;

/** `months` calendar months after `ms` (UTC; the 31st of a shorter month runs into the next, as Date does). */
export function addMonths(ms: number, months: number): number {
  const date = new Date(ms);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.getTime();
}

/** What the sweep does about one inactive person now. */
export type RetentionStep =
  | { readonly kind: 'none' }
  /** Tell them (and show the facilitators) that their data goes at `erasesAt`. */
  | { readonly kind: 'warn'; readonly erasesAt: number }
  | { readonly kind: 'erase' };

/**
 * Inactive people are pseudonymised `inactiveMonths` after their last activity, never without notice: a warning
 * goes out `warningDays` before, and the erasure waits until the warning is at least that old (a sweep that was
 * off for a while warns first and erases later, not at once). A visit after the warning starts everything anew:
 * the warning no longer counts. `inactiveMonths` 0 switches the rule off.
 */
export function retentionStep(
  person: { readonly lastActiveAt: number; readonly warnedAt: number | null },
  now: number,
  config: Pick<RetentionConfig, 'inactiveMonths' | 'warningDays'>,
): RetentionStep {
  if (config.inactiveMonths === 0) return { kind: 'none' };
  const warning = config.warningDays * DAY_MS;
  const due = addMonths(person.lastActiveAt, config.inactiveMonths);
  if (now < due - warning) return { kind: 'none' };
  const warnedAt =
    person.warnedAt !== null && person.warnedAt >= person.lastActiveAt ? person.warnedAt : null;
  if (warnedAt === null) return { kind: 'warn', erasesAt: Math.max(due, now + warning) };
  return now >= Math.max(due, warnedAt + warning) ? { kind: 'erase' } : { kind: 'none' };
}

/** When the warned person's data goes (for the facilitators' list); null when no warning counts. */
export function erasesAt(
  person: { readonly lastActiveAt: number; readonly warnedAt: number | null },
  config: Pick<RetentionConfig, 'inactiveMonths' | 'warningDays'>,
): number | null {
  if (config.inactiveMonths === 0 || person.warnedAt === null || person.warnedAt < person.lastActiveAt)
    return null;
  return Math.max(
    addMonths(person.lastActiveAt, config.inactiveMonths),
    person.warnedAt + config.warningDays * DAY_MS,
  );
}

/** The earliest last activity that is still inside the warning window at `now` (the sweep's query bound). */
export function inactiveBefore(
  now: number,
  config: Pick<RetentionConfig, 'inactiveMonths' | 'warningDays'>,
): number {
  return addMonths(now + config.warningDays * DAY_MS, -config.inactiveMonths);
}

/** A board is idle once its last change is `boardIdleMonths` old; 0 switches the rule off. */
export function idleSince(
  lastChangeAt: number,
  now: number,
  config: Pick<RetentionConfig, 'boardIdleMonths'>,
): number | null {
  if (config.boardIdleMonths === 0) return null;
  const since = addMonths(lastChangeAt, config.boardIdleMonths);
  return now >= since ? since : null;
}
