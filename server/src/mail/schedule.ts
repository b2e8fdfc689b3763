import type { MailPreferences } from '@common-ground/shared/api';

/** Digests go out at this local hour in the board's time zone; a weekly one on Mondays. */
export const DIGEST_TIME_ZONE = 'Europe/Berlin';
export const DIGEST_HOUR = 7;

const DAY_MS = 24 * 60 * 60_000;

/**
 * Made on first use, not at import: a formatter with a time zone pulls ICU's zone and calendar data into memory
 * (about 8 MB of RSS in a bare node), which a server that never schedules a digest need not hold (issue 28).
 */
let partsFormat: Intl.DateTimeFormat | undefined;
const parts = (): Intl.DateTimeFormat => {
  partsFormat ??= new Intl.DateTimeFormat('en-US', {
    timeZone: DIGEST_TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return partsFormat;
};

/** The wall-clock time in Berlin at `at`, as if it were UTC (so the offset is their difference). */
function berlinWallClock(at: number): number {
  const value = (type: Intl.DateTimeFormatPartTypes) =>
    Number(
      parts()
        .formatToParts(at)
        .find((part) => part.type === type)?.value ?? 0,
    );
  return Date.UTC(
    value('year'),
    value('month') - 1,
    value('day'),
    value('hour'),
    value('minute'),
    value('second'),
  );
}

/** The instant at which Berlin's clocks show `wall` (a local time written as UTC); twice, for the offset's change. */
function berlinInstant(wall: number): number {
  let at = wall - (berlinWallClock(wall) - wall);
  at = wall - (berlinWallClock(at) - at);
  return at;
}

/**
 * The latest digest time at or before `now` for the recipient's choice: 07:00 Berlin time today (or yesterday,
 * before seven), for a weekly digest the latest Monday at 07:00. Every instance computes the same instant, which
 * names the digest in its dedupe key: the same digest is never queued twice.
 */
export function latestDigestSlot(now: number, digest: Exclude<MailPreferences['digest'], 'off'>): number {
  const wall = berlinWallClock(now);
  const midnight = wall - (wall % DAY_MS);
  let slot = midnight + DIGEST_HOUR * 60 * 60_000;
  if (slot > wall) slot -= DAY_MS;
  if (digest === 'weekly') {
    // getUTCDay on a wall clock written as UTC is the local weekday; Monday is 1.
    const sinceMonday = (new Date(slot).getUTCDay() + 6) % 7;
    slot -= sinceMonday * DAY_MS;
  }
  return berlinInstant(slot);
}

/** How far back a first digest looks: one period, never before the address was confirmed. */
export const digestPeriodMs = (digest: Exclude<MailPreferences['digest'], 'off'>): number =>
  digest === 'weekly' ? 7 * DAY_MS : DAY_MS;
