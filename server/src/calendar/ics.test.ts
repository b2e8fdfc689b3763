import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { escapeText, fold, type IcsEvent, icsCalendar, wallTime } from './ics';

// Files are checked by parsing them back with ical.js, a well-kept iCalendar parser, not by string matching.
const parse = (ics: string) => new ICAL.Component(ICAL.parse(ics));

const event = (overrides: Partial<IcsEvent> = {}): IcsEvent => ({
  uid: 'meeting-abc@example.org',
  sequence: 0,
  stamp: Date.UTC(2026, 9, 1, 12),
  // 25 October 2026 is the last Sunday of October: Berlin goes from CEST (UTC+2) to CET (UTC+1) at 03:00.
  start: Date.UTC(2026, 9, 24, 8),
  end: Date.UTC(2026, 9, 24, 10),
  timeZone: 'Europe/Berlin',
  status: 'CONFIRMED',
  summary: 'Runder Tisch',
  ...overrides,
});

/** The instant ical.js reads for a DTSTART/DTEND with TZID, resolved with the file's own VTIMEZONE. */
function instantOf(calendar: ICAL.Component, name: 'dtstart' | 'dtend', index = 0): number {
  const zone = new ICAL.Timezone(calendar.getFirstSubcomponent('vtimezone') as ICAL.Component);
  const vevent = calendar.getAllSubcomponents('vevent')[index] as ICAL.Component;
  const time = vevent.getFirstPropertyValue(name) as ICAL.Time;
  time.zone = zone;
  return time.toUnixTime() * 1000;
}

describe('iCalendar files (RFC 5545)', () => {
  it('writes DTSTART/DTEND with TZID=Europe/Berlin at the right wall time on both sides of a DST change', () => {
    const summer = event();
    const winter = event({
      uid: 'meeting-def@example.org',
      start: Date.UTC(2026, 9, 26, 9),
      end: Date.UTC(2026, 9, 26, 11),
    });
    const calendar = parse(icsCalendar({ name: 'Termine', events: [summer, winter] }));
    const [first, second] = calendar.getAllSubcomponents('vevent') as ICAL.Component[];
    const dtstart = first?.getFirstProperty('dtstart');
    expect(dtstart?.getParameter('tzid')).toBe('Europe/Berlin');
    // 08:00 UTC in summer time and 09:00 UTC in winter time are both 10:00 in Berlin.
    expect(String(dtstart?.getFirstValue())).toBe('2026-10-24T10:00:00');
    expect(String(second?.getFirstPropertyValue('dtstart'))).toBe('2026-10-26T10:00:00');
    expect(instantOf(calendar, 'dtstart', 0)).toBe(summer.start);
    expect(instantOf(calendar, 'dtend', 0)).toBe(summer.end);
    expect(instantOf(calendar, 'dtstart', 1)).toBe(winter.start);
    expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/Berlin');
  });

  it('agrees with the platform’s time zone data for every hour of a year', () => {
    const zone = new ICAL.Timezone(
      parse(icsCalendar({ name: 'x', events: [event()] })).getFirstSubcomponent(
        'vtimezone',
      ) as ICAL.Component,
    );
    const mismatches: number[] = [];
    for (let ms = Date.UTC(2027, 0, 1); ms < Date.UTC(2028, 0, 1); ms += 3_600_000) {
      const time = ICAL.Time.fromDateTimeString(
        wallTime(ms, 'Europe/Berlin').replace(
          /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)$/,
          '$1-$2-$3T$4:$5:$6',
        ),
      );
      time.zone = zone;
      // Every hour maps back exactly, except the one repeated when the clocks go back.
      if (time.toUnixTime() * 1000 !== ms) mismatches.push(ms);
    }
    // 02:00 on 31 October 2027 happens twice (CEST, then CET); the parser takes the second.
    expect(mismatches.map((ms) => new Date(ms).toISOString())).toEqual(['2027-10-31T00:00:00.000Z']);
  });

  it('carries UID, SEQUENCE, STATUS and the text fields', () => {
    const ics = icsCalendar({
      name: 'Termine',
      events: [
        event({
          sequence: 3,
          status: 'CANCELLED',
          location: 'Bürgerhaus, Saal 2; Eingang B',
          description: 'Tagesordnung:\n1. Begrüßung',
          url: 'https://board.example.org/b/abc',
        }),
      ],
    });
    const vevent = parse(ics).getFirstSubcomponent('vevent');
    expect(vevent?.getFirstPropertyValue('uid')).toBe('meeting-abc@example.org');
    expect(vevent?.getFirstPropertyValue('sequence')).toBe(3);
    expect(vevent?.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(vevent?.getFirstPropertyValue('location')).toBe('Bürgerhaus, Saal 2; Eingang B');
    expect(vevent?.getFirstPropertyValue('description')).toBe('Tagesordnung:\n1. Begrüßung');
    expect(vevent?.getFirstPropertyValue('url')).toBe('https://board.example.org/b/abc');
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.split('\r\n').every((line) => !line.includes('\n'))).toBe(true);
  });

  it('escapes what people type: no CRLF, semicolon or backslash starts a property of its own', () => {
    const hostile = 'Saal 1\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\nATTACH:http://evil\\;x,y';
    const ics = icsCalendar({
      name: hostile,
      events: [event({ summary: hostile, location: hostile, description: hostile })],
    });
    const calendar = parse(ics);
    const vevents = calendar.getAllSubcomponents('vevent');
    expect(vevents).toHaveLength(1);
    const vevent = vevents[0] as ICAL.Component;
    expect(vevent.getAllProperties('uid')).toHaveLength(1);
    expect(vevent.getFirstPropertyValue('uid')).toBe('meeting-abc@example.org');
    expect(vevent.getAllProperties('attach')).toHaveLength(0);
    expect(vevent.getFirstPropertyValue('location')).toBe(hostile.replace(/\r\n/g, '\n'));
    expect(escapeText('a\u0000b\u0007c')).toBe('abc');
  });

  it('folds long lines at 75 octets without splitting a character, and unfolds to the same text', () => {
    const long = `${'Ü'.repeat(100)}😀${'x'.repeat(3000)}`;
    const ics = icsCalendar({ name: 'x', events: [event({ summary: long })] });
    for (const line of ics.split('\r\n'))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(parse(ics).getFirstSubcomponent('vevent')?.getFirstPropertyValue('summary')).toBe(long);
    expect(fold('short')).toBe('short');
  });

  it('writes a deadline as a point in time with a reminder a day before', () => {
    const ics = icsCalendar({
      name: 'x',
      events: [event({ end: undefined, alarm: { beforeMinutes: 1440, text: 'Morgen' } })],
    });
    const vevent = parse(ics).getFirstSubcomponent('vevent');
    expect(vevent?.getFirstProperty('dtend')).toBeNull();
    const alarm = vevent?.getFirstSubcomponent('valarm');
    expect(alarm?.getFirstPropertyValue('action')).toBe('DISPLAY');
    expect(String(alarm?.getFirstPropertyValue('trigger'))).toBe('-PT1440M');
  });
});
