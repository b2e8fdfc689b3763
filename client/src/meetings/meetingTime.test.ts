import type { Meeting } from '@common-ground/shared/api';
import { describe, expect, it } from 'vitest';
import {
  defaultMeetingZone,
  formatMeetingWhen,
  instantOf,
  nextMeeting,
  wallTimeOf,
  zoneDiffers,
} from './meetingTime';

const meeting = (over: Partial<Meeting>): Meeting => ({
  id: 'm1',
  title: 'Runder Tisch',
  start: Date.UTC(2027, 0, 12, 17),
  end: Date.UTC(2027, 0, 12, 19),
  timeZone: 'Europe/Berlin',
  place: null,
  link: null,
  agenda: [],
  note: null,
  status: 'scheduled',
  sequence: 0,
  createdBy: 'p1',
  createdAt: 0,
  updatedAt: 0,
  ...over,
});

describe('meeting times', () => {
  it('turns Berlin wall times into instants in winter and summer, whatever the device zone', () => {
    expect(instantOf('2027-01-12', '18:00', 'Europe/Berlin')).toBe(Date.UTC(2027, 0, 12, 17));
    expect(instantOf('2027-07-12', '18:00', 'Europe/Berlin')).toBe(Date.UTC(2027, 6, 12, 16));
    expect(wallTimeOf(Date.UTC(2027, 6, 12, 16), 'Europe/Berlin')).toEqual({
      date: '2027-07-12',
      time: '18:00',
    });
    expect(instantOf('2027-13-40', '18:00', 'Europe/Berlin')).toBeNull();
    expect(instantOf('', '18:00', 'Europe/Berlin')).toBeNull();
    expect(instantOf('2027-01-12', '', 'Europe/Berlin')).toBeNull();
  });

  it('takes the time after the jump in the hour the clocks skip, and round-trips around the change', () => {
    // 28 March 2027: 02:00 → 03:00 in Berlin.
    expect(instantOf('2027-03-28', '03:00', 'Europe/Berlin')).toBe(Date.UTC(2027, 2, 28, 1));
    expect(instantOf('2027-03-28', '01:30', 'Europe/Berlin')).toBe(Date.UTC(2027, 2, 28, 0, 30));
    const skipped = instantOf('2027-03-28', '02:30', 'Europe/Berlin');
    expect(skipped).not.toBeNull();
    expect(wallTimeOf(skipped ?? 0, 'Europe/Berlin').time).toMatch(/^0[13]:30$/);
  });

  it('says the zone only when the device reads the times differently', () => {
    const m = meeting({});
    expect(zoneDiffers(m, 'Europe/Berlin')).toBe(false);
    expect(zoneDiffers(m, 'Europe/Vienna')).toBe(false);
    expect(zoneDiffers(m, 'Europe/London')).toBe(true);
    expect(zoneDiffers(m, 'America/New_York')).toBe(true);
    expect(defaultMeetingZone('Europe/Vienna')).toBe('Europe/Vienna');
    expect(defaultMeetingZone('Asia/Tokyo')).toBe('Europe/Berlin');
  });

  it('writes the time span on the meeting zone’s clocks in the reader’s language', () => {
    const when = formatMeetingWhen(meeting({}), 'de');
    expect(when).toContain('12.01.2027');
    expect(when).toMatch(/18:00\s*[–-]\s*20:00/);
    expect(formatMeetingWhen(meeting({}), 'en')).toMatch(/18:00\s*[–-]\s*20:00/);
  });

  it('finds the next meeting that has not ended and was not cancelled', () => {
    const past = meeting({ id: 'a', start: 0, end: 1000 });
    const cancelled = meeting({ id: 'b', status: 'cancelled' });
    const next = meeting({ id: 'c', start: Date.UTC(2027, 1, 1), end: Date.UTC(2027, 1, 1, 2) });
    expect(nextMeeting([past, cancelled, next], Date.UTC(2027, 0, 1))?.id).toBe('c');
    expect(nextMeeting([past, cancelled], Date.UTC(2027, 0, 1))).toBeNull();
  });
});
