import type { MinutesContent, MinutesResponse } from '@common-ground/shared/api';

/** One person on the attendance list: a participant of the board, or a guest the facilitator typed in. */
export interface AttendingPerson {
  readonly key: string;
  /** Null where the name is unknown (the list names an id the response has no person for). */
  readonly name: string | null;
  readonly participantId: string | null;
  readonly guestId: string | null;
  /** Added by the facilitator (a participant or a guest), not seen connected during the meeting. */
  readonly addedByFacilitator: boolean;
}

/** The people of one organisation, or of none (facilitator, observers, guests without one). */
export interface AttendanceGroup {
  readonly partnerId: string | null;
  /** The organisation's name; null for the group without one, or an organisation the response does not name. */
  readonly partnerName: string | null;
  readonly people: readonly AttendingPerson[];
  /** A confirmed partner that nobody was there for ("nicht vertreten"). */
  readonly absent: boolean;
}

type Source = Pick<MinutesResponse, 'people' | 'partners'> & {
  readonly content: Pick<MinutesContent, 'attendees' | 'guests' | 'partnerIds'>;
};

/**
 * The attendance by organisation: the confirmed partners first, in the minutes' order (absent ones marked), then
 * any other organisation someone attended for, then the people without one. Within a group, participants before
 * guests, each as listed.
 */
export function groupAttendance({ content, people, partners }: Source): AttendanceGroup[] {
  const names = new Map(people.map((p) => [p.id, p.name]));
  const partnerNames = new Map(partners.map((p) => [p.id, p.name]));
  const byPartner = new Map<string | null, AttendingPerson[]>();
  const add = (partnerId: string | null, person: AttendingPerson) => {
    const list = byPartner.get(partnerId) ?? [];
    list.push(person);
    byPartner.set(partnerId, list);
  };
  const seen = new Set<string>();
  for (const attendee of content.attendees) {
    // A list with the same person twice (a correction and presence) shows them once.
    if (seen.has(attendee.participantId)) continue;
    seen.add(attendee.participantId);
    add(attendee.partnerId, {
      key: `p:${attendee.participantId}`,
      name: names.get(attendee.participantId) ?? null,
      participantId: attendee.participantId,
      guestId: null,
      addedByFacilitator: attendee.source === 'facilitator',
    });
  }
  for (const guest of content.guests) {
    add(guest.partnerId, {
      key: `g:${guest.id}`,
      name: guest.name,
      participantId: null,
      guestId: guest.id,
      addedByFacilitator: true,
    });
  }

  const confirmed = [...new Set(content.partnerIds)];
  const others = [...byPartner.keys()].filter((id): id is string => id !== null && !confirmed.includes(id));
  const groups: AttendanceGroup[] = [...confirmed, ...others].map((partnerId) => {
    const list = byPartner.get(partnerId) ?? [];
    return {
      partnerId,
      partnerName: partnerNames.get(partnerId) ?? null,
      people: list,
      absent: list.length === 0,
    };
  });
  const without = byPartner.get(null);
  if (without) groups.push({ partnerId: null, partnerName: null, people: without, absent: false });
  return groups;
}

export interface AttendanceCorrections {
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

/**
 * The corrections after the facilitator put a participant on the list (`present`) or took them off. The person
 * leaves the other list, so the two never hold the same person; and stays on this one even where it only undoes
 * an earlier correction, since presence may have seen them (or not) either way.
 */
export function correctAttendance(
  corrections: AttendanceCorrections,
  participantId: string,
  present: boolean,
): { added: string[]; removed: string[] } {
  const added = corrections.added.filter((id) => id !== participantId);
  const removed = corrections.removed.filter((id) => id !== participantId);
  (present ? added : removed).push(participantId);
  return { added, removed };
}
