import type { Meeting } from '@common-ground/shared/api';
import { describe, expect, it } from 'vitest';
import { hasMinutes, minutesPath, pastMeetings } from './minutesLinks';

const HOUR = 3_600_000;
const at = (y: number, m: number, d: number, h: number) => new Date(y, m - 1, d, h).getTime();
const meeting = (id: string, start: number, status: Meeting['status'] = 'scheduled') =>
  ({ id, start, end: start + 2 * HOUR, status }) as Meeting;

describe('minutes links', () => {
  const now = at(2027, 1, 12, 10);

  it('offers minutes from the meeting’s day on, never for a cancelled one', () => {
    expect(hasMinutes(meeting('a', at(2027, 1, 12, 18)), now)).toBe(true);
    expect(hasMinutes(meeting('b', at(2027, 1, 11, 18)), now)).toBe(true);
    expect(hasMinutes(meeting('c', at(2027, 1, 13, 0)), now)).toBe(false);
    expect(hasMinutes(meeting('d', at(2027, 1, 12, 8), 'cancelled'), now)).toBe(false);
  });

  it('lists past meetings that were held, the latest first', () => {
    const list = [
      meeting('old', at(2026, 12, 1, 18)),
      meeting('cancelled', at(2027, 1, 5, 18), 'cancelled'),
      meeting('recent', at(2027, 1, 10, 18)),
      meeting('running', at(2027, 1, 12, 9)),
      meeting('later', at(2027, 1, 20, 18)),
    ];
    expect(pastMeetings(list, now).map((m) => m.id)).toEqual(['recent', 'old']);
  });

  it('builds the page’s path with the ids escaped', () => {
    expect(minutesPath('abc', 'm-1')).toBe('/b/abc/minutes/m-1');
    expect(minutesPath('a/b', 'x?y')).toBe('/b/a%2Fb/minutes/x%3Fy');
  });
});
