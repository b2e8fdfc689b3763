import type { MeetingTimeZone } from '@common-ground/shared/api';

// An iCalendar (RFC 5545) writer for the few things the board puts in calendars: timed events in a named time
// zone, with text, a URL, a status and an alarm. Written by hand rather than with a generator library: the
// VTIMEZONE is the one rule all supported zones share, and escaping and folding are the only subtle parts —
// both are a dozen lines here and are tested by parsing the files back with ical.js.

/** A timed event; times are instants (UTC ms), written as wall-clock times in `timeZone` with its TZID. */
export interface IcsEvent {
  /** Stable across changes: `meeting-<id>@host`, `round-<id>@host`. */
  readonly uid: string;
  /** Raised with every change, so a calendar replaces its copy. */
  readonly sequence: number;
  /** When this version was made (DTSTAMP): the content's own time, so an unchanged calendar is byte-identical. */
  readonly stamp: number;
  readonly start: number;
  /** Absent: the event is a point in time (RFC 5545 3.6.1: it ends when it starts), like a deadline. */
  readonly end?: number;
  readonly timeZone: MeetingTimeZone;
  readonly status: 'CONFIRMED' | 'CANCELLED';
  readonly summary: string;
  readonly location?: string | null;
  readonly description?: string;
  readonly url?: string;
  /** A reminder shown this long before the start. */
  readonly alarm?: { readonly beforeMinutes: number; readonly text: string };
  /**
   * Who sends it (ORGANIZER): an invitation by mail (METHOD:REQUEST or CANCEL) must name one (RFC 5546), and
   * mail programs compare it with the sender. The board's sending address, never a person's.
   */
  readonly organizer?: { readonly name: string; readonly address: string };
}

export interface IcsCalendar {
  /** The name calendar apps show for a subscribed feed (X-WR-CALNAME). */
  readonly name: string;
  readonly events: readonly IcsEvent[];
  /** How often a subscribing app should look again (REFRESH-INTERVAL); only for feeds. */
  readonly refreshMinutes?: number;
  /**
   * The iTIP method (RFC 5546): PUBLISH (default) for files and feeds; REQUEST for an invitation or its update
   * sent by mail, CANCEL for its cancellation.
   */
  readonly method?: 'PUBLISH' | 'REQUEST' | 'CANCEL';
}

const PRODUCT_ID = '-//Common Ground//Board calendar//DE';

/** The whole file, lines ended by CRLF and folded at 75 octets, as RFC 5545 requires. */
export function icsCalendar(calendar: IcsCalendar): string {
  const zones = [...new Set(calendar.events.map((event) => event.timeZone))].sort();
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODUCT_ID}`,
    'CALSCALE:GREGORIAN',
    `METHOD:${calendar.method ?? 'PUBLISH'}`,
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    ...(calendar.refreshMinutes
      ? [
          `REFRESH-INTERVAL;VALUE=DURATION:PT${calendar.refreshMinutes}M`,
          `X-PUBLISHED-TTL:PT${calendar.refreshMinutes}M`,
        ]
      : []),
    ...zones.flatMap(vtimezone),
    ...calendar.events.flatMap(vevent),
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

function vevent(event: IcsEvent): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${utcTime(event.stamp)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTART;TZID=${event.timeZone}:${wallTime(event.start, event.timeZone)}`,
    ...(event.end === undefined
      ? []
      : [`DTEND;TZID=${event.timeZone}:${wallTime(event.end, event.timeZone)}`]),
    `STATUS:${event.status}`,
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    ...(event.url ? [`URL:${uri(event.url)}`] : []),
    ...(event.organizer
      ? [`ORGANIZER;CN=${paramValue(event.organizer.name)}:${uri(`mailto:${event.organizer.address}`)}`]
      : []),
    ...(event.alarm && event.status !== 'CANCELLED'
      ? [
          'BEGIN:VALARM',
          'ACTION:DISPLAY',
          `TRIGGER:-PT${event.alarm.beforeMinutes}M`,
          `DESCRIPTION:${escapeText(event.alarm.text)}`,
          'END:VALARM',
        ]
      : []),
    'END:VEVENT',
  ];
}

/**
 * The EU's summer-time rule since 1996, which every zone of MEETING_TIME_ZONES follows: CEST from the last Sunday
 * of March, 02:00, to the last Sunday of October, 03:00. The TZID is the IANA name, so apps that know the zone
 * use their own data and the others use these rules.
 */
function vtimezone(zone: MeetingTimeZone): string[] {
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${zone}`,
    `X-LIC-LOCATION:${zone}`,
    'BEGIN:DAYLIGHT',
    'TZOFFSETFROM:+0100',
    'TZOFFSETTO:+0200',
    'TZNAME:CEST',
    'DTSTART:19700329T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    'END:DAYLIGHT',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0200',
    'TZOFFSETTO:+0100',
    'TZNAME:CET',
    'DTSTART:19701025T030000',
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    'END:STANDARD',
    'END:VTIMEZONE',
  ];
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A UTC DATE-TIME: 20261025T080000Z. */
export function utcTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`
  );
}

const wallFormats = new Map<string, Intl.DateTimeFormat>();

/** The local DATE-TIME of an instant in a zone (from the platform's time zone data): 20261025T100000. */
export function wallTime(ms: number, zone: MeetingTimeZone): string {
  let format = wallFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallFormats.set(zone, format);
  }
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(format.formatToParts(new Date(ms)).find((p) => p.type === type)?.value ?? 0);
  return (
    `${pad(part('year'), 4)}${pad(part('month'))}${pad(part('day'))}` +
    `T${pad(part('hour'))}${pad(part('minute'))}${pad(part('second'))}`
  );
}

/**
 * A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, a line break written as `\n`, every
 * other control character dropped. Nothing a person typed can end the line and start a property of its own.
 */
export function escapeText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what goes
      .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '')
      .replace(/[\u2028\u2029]/g, '\n')
      .replace(/[\\;,]/g, (c) => `\\${c}`)
      .replace(/\n/g, '\\n')
  );
}

/** A URI value: ours (an origin and a path we built), percent-encoded where it could break the line. */
function uri(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what goes
  return value.replace(/[\u0000-\u001f\u007f ]/g, (c) => encodeURIComponent(c));
}

/**
 * A parameter value (RFC 5545 3.2): always quoted; a double quote cannot be escaped there and goes, as do
 * control characters.
 */
function paramValue(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what goes
  return `"${value.replace(/[\u0000-\u001f\u007f"]/g, '')}"`;
}

const encoder = new TextEncoder();

/**
 * Folds a content line at 75 octets (RFC 5545 3.1): a continuation line starts with one space. Breaks fall
 * between code points, never inside a UTF-8 sequence or a surrogate pair.
 */
export function fold(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // The first line holds 75 octets; each continuation 74 after its leading space.
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
