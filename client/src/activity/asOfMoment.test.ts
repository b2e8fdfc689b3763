import { describe, expect, it } from 'vitest';
import { fromLocalInput, toLocalInput } from './asOfMoment';

describe('datetime-local values', () => {
  it('round-trip a moment to the minute in the local time zone', () => {
    const moment = new Date(2027, 2, 12, 14, 30).getTime();
    expect(toLocalInput(moment)).toBe('2027-03-12T14:30');
    expect(fromLocalInput('2027-03-12T14:30')).toBe(moment);
    expect(fromLocalInput('2027-03-12T14:30:15')).toBe(moment + 15_000);
  });
  it('refuse empty or broken values', () => {
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('12.03.2027 14:30')).toBeNull();
  });
});
