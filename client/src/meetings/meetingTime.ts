import {
  DEFAULT_MEETING_TIME_ZONE,
  MEETING_TIME_ZONES,
  type Meeting,
  type MeetingTimeZone,
} from '@common-ground/shared/api';
import { intlTag, type Locale } from '../i18n/languages';

/**
 * A meeting is held at a wall time in its zone ("18:00 in Berlin"); the API stores instants. These convert between
 * the two with Intl alone, so a phone in another zone still schedules and shows Berlin's evening.
 */

const partsFormat = new Map<string, Intl.DateTimeFormat>();
function partsIn(timeZone: string): Intl.DateTimeFormat {
  let format = partsFormat.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    partsFormat.set(timeZone, format);
  }
  return format;
}

function wallClock(ms: number, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const part of partsIn(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The zone's offset from UTC at that instant, in ms (Berlin in summer: +2 h). */
export function offsetAt(ms: number, timeZone: string): number {
  const c = wallClock(ms, timeZone);
  const asUtc = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The instant's date ('YYYY-MM-DD') and time ('HH:MM') on the zone's clocks: the values of date and time inputs. */
export function wallTimeOf(ms: number, timeZone: string): { date: string; time: string } {
  const c = wallClock(ms, timeZone);
  return { date: `${c.year}-${pad(c.month)}-${pad(c.day)}`, time: `${pad(c.hour)}:${pad(c.minute)}` };
}

/**
 * The instant when the zone's clocks show that date and time; null for input that is no date or time. In the hour
 * the clocks skip, the time after the jump (as calendars do).
 */
export function instantOf(date: string, time: string, timeZone: string): number | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const [month, day, hour, minute] = [Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const guess = Date.UTC(Number(d[1]), month - 1, day, hour, minute);
  if (!Number.isFinite(guess)) return null;
  // The offset at the guess is right except next to a change; asking again at the first answer settles it.
  const first = guess - offsetAt(guess, timeZone);
  return guess - offsetAt(first, timeZone);
}

/** This device's time zone (IANA name), or '' when the browser does not say. */
export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
}

/** A new meeting's zone: the device's when the server writes its rules, else Berlin. */
export function defaultMeetingZone(device = deviceTimeZone()): MeetingTimeZone {
  return (MEETING_TIME_ZONES as readonly string[]).includes(device)
    ? (device as MeetingTimeZone)
    : DEFAULT_MEETING_TIME_ZONE;
}

/**
 * Whether the meeting's wall times read differently on this device's clocks: only then is the zone said
 * ("Berliner Zeit"). A Vienna phone reads a Berlin meeting's times as they are.
 */
export function zoneDiffers(meeting: Pick<Meeting, 'start' | 'end' | 'timeZone'>, device: string): boolean {
  if (!device) return meeting.timeZone !== DEFAULT_MEETING_TIME_ZONE;
  try {
    return [meeting.start, meeting.end].some((ms) => offsetAt(ms, device) !== offsetAt(ms, meeting.timeZone));
  } catch {
    // A zone name this browser does not know: say the meeting's zone to be safe.
    return true;
  }
}

/**
 * "Di., 12.01.2027, 18:00–20:00" on the meeting zone's clocks, in the reader's language; without the year
 * ("Di., 12.01., 18:00–20:00") where one line must hold it.
 */
export function formatMeetingWhen(
  meeting: Pick<Meeting, 'start' | 'end' | 'timeZone'>,
  locale: Locale,
  { year = true }: { year?: boolean } = {},
): string {
  const format = new Intl.DateTimeFormat(intlTag(locale), {
    timeZone: meeting.timeZone,
    weekday: 'short',
    day: '2-digit',
    month: '2-digit',
    ...(year ? { year: 'numeric' } : {}),
    hour: '2-digit',
    minute: '2-digit',
  });
  return format.formatRange(meeting.start, meeting.end);
}

/** The city of a zone name ('Europe/Berlin' → 'Berlin'), for "Zeit in …". */
export const zoneCity = (timeZone: string): string =>
  (timeZone.split('/').pop() ?? timeZone).replaceAll('_', ' ');

/** The next meeting that has not ended and was not cancelled; null when none. Meetings come sorted by start. */
export function nextMeeting(meetings: readonly Meeting[], now: number): Meeting | null {
  return meetings.find((m) => m.status === 'scheduled' && m.end > now) ?? null;
}

/** Meetings that have not ended (cancelled ones included, marked where shown), by start. */
export function upcomingMeetings(meetings: readonly Meeting[], now: number): Meeting[] {
  return meetings.filter((m) => m.end > now);
}
