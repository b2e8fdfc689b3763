import type { Partner } from '@common-ground/shared/api';
import { describe, expect, it } from 'vitest';
import { correctAttendance, groupAttendance } from './attendance';

const partner = (id: string, name: string): Partner => ({ id, name, kind: 'residents' }) as Partner;

const base = {
  people: [
    { id: 'fac', name: 'Maria Schulz', partnerId: null },
    { id: 'a1', name: 'Ayşe Demir', partnerId: 'A' },
    { id: 'a2', name: 'Jonas Weber', partnerId: 'A' },
    { id: 'obs', name: 'Presse', partnerId: null },
  ],
  partners: [partner('A', 'Nachbarschaftsinitiative'), partner('B', 'Wohnungsbau eG'), partner('C', 'Kita')],
};

describe('groupAttendance', () => {
  it('groups by organisation, confirmed partners first, absent ones marked, the rest last', () => {
    const groups = groupAttendance({
      ...base,
      content: {
        partnerIds: ['A', 'B'],
        attendees: [
          { participantId: 'fac', partnerId: null, source: 'presence' },
          { participantId: 'a2', partnerId: 'A', source: 'facilitator' },
          { participantId: 'a1', partnerId: 'A', source: 'presence' },
          { participantId: 'obs', partnerId: null, source: 'presence' },
        ],
        guests: [
          { id: 'g1', name: 'Herr Yılmaz', partnerId: 'C' },
          { id: 'g2', name: 'Frau Nowak', partnerId: null },
        ],
      },
    });
    expect(groups.map((g) => [g.partnerId, g.partnerName, g.absent, g.people.map((p) => p.name)])).toEqual([
      ['A', 'Nachbarschaftsinitiative', false, ['Jonas Weber', 'Ayşe Demir']],
      ['B', 'Wohnungsbau eG', true, []],
      // Not confirmed when the minutes were made, but someone came for it: listed, never as absent.
      ['C', 'Kita', false, ['Herr Yılmaz']],
      [null, null, false, ['Maria Schulz', 'Presse', 'Frau Nowak']],
    ]);
    const a = groups[0]?.people ?? [];
    expect(a.map((p) => p.addedByFacilitator)).toEqual([true, false]);
    expect(groups[3]?.people[2]).toMatchObject({
      guestId: 'g2',
      participantId: null,
      addedByFacilitator: true,
    });
  });

  it('names nobody it does not know, lists a person once, and has no empty group without organisation', () => {
    const groups = groupAttendance({
      ...base,
      content: {
        partnerIds: ['A', 'A', 'gone'],
        attendees: [
          { participantId: 'erased', partnerId: 'A', source: 'presence' },
          { participantId: 'erased', partnerId: 'A', source: 'facilitator' },
        ],
        guests: [],
      },
    });
    expect(groups).toHaveLength(2);
    expect(groups[0]?.people).toEqual([
      { key: 'p:erased', name: null, participantId: 'erased', guestId: null, addedByFacilitator: false },
    ]);
    expect(groups[1]).toEqual({ partnerId: 'gone', partnerName: null, people: [], absent: true });
  });
});

describe('correctAttendance', () => {
  it('keeps a person on one list only', () => {
    const none = { added: [], removed: [] };
    expect(correctAttendance(none, 'x', true)).toEqual({ added: ['x'], removed: [] });
    expect(correctAttendance(none, 'x', false)).toEqual({ added: [], removed: ['x'] });
    expect(correctAttendance({ added: ['x', 'y'], removed: [] }, 'x', false)).toEqual({
      added: ['y'],
      removed: ['x'],
    });
    expect(correctAttendance({ added: [], removed: ['x', 'x'] }, 'x', true)).toEqual({
      added: ['x'],
      removed: [],
    });
    // Twice the same way changes nothing more.
    expect(correctAttendance({ added: ['x'], removed: [] }, 'x', true)).toEqual({
      added: ['x'],
      removed: [],
    });
  });
});
