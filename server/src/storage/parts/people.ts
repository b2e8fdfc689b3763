import type { Role } from '@common-ground/shared/api';
import type { ParticipantRecord } from './accounts';

/** The board's people as managing them sees them: device tokens and links, roles, removal and visits. */
export interface PeopleStore {
  /** The participant holding this device token now; null once it ended (left, removed, replaced). */
  findParticipantByTokenHash(tokenHash: string): Promise<ParticipantRecord | null>;
  /**
   * The board's participants with what managing them takes (devices, last visit, removal), oldest first. Removed
   * participants stay listed: their names belong to the board's history.
   */
  listPeople(boardId: string): Promise<PersonRecord[]>;
  /**
   * Gives a participant another role. Here and below, "the last facilitator" is one no other facilitator can stand
   * in for: the board must keep a facilitator who is not removed and holds a device, so this is refused atomically
   * when it would leave none.
   */
  changeRole(boardId: string, participantId: string, role: Role): Promise<PeopleChange>;
  /**
   * Removes a participant from the board: every device token and unused link of theirs ends, the row stays (who
   * said what stays true). In the same transaction their e-mail address and every mail still queued to them go.
   * Refused for the board's last facilitator; removing again finds nobody (not_found).
   */
  removeParticipant(boardId: string, participantId: string, by: string, at: number): Promise<PeopleChange>;
  /**
   * Erases a participant's personal data from the board (DSGVO Art. 17), removing them if they are still on it. The
   * name becomes `pseudonym(n)` with the board's next pseudonym number; in the same transaction go every device
   * token and link, the e-mail address and every mail to them (sent ones too: their bodies address the person), the
   * calendar feed and the visits. The row stays with its id: rounds, stances and the update log keep referring to
   * it, shown under the pseudonym and the organisation. Refused for the board's last facilitator; a participant
   * erased already (or of another board) is not_found.
   */
  eraseParticipant(
    boardId: string,
    participantId: string,
    /** Who erased it; null: the retention sweep (the person was inactive). */
    by: string | null,
    at: number,
    pseudonym: (n: number) => string,
  ): Promise<PeopleChange>;
  /**
   * Ends one device token of the participant ("leave the board on this device"); the others stay. Refused if it is
   * the last facilitator's last device.
   */
  leaveDevice(boardId: string, participantId: string, tokenHash: string): Promise<PeopleChange>;
  /**
   * Stores a one-time link by its code's hash. A re-entry link first ends every device token and earlier unused
   * link of the participant, in the same transaction (the lost device is out before the link exists). False,
   * storing nothing, if the participant is not on the board (any more).
   */
  createDeviceLink(link: NewDeviceLink): Promise<boolean>;
  /** Uses a link once: its participant gets `tokenHash` as one more device token. */
  redeemDeviceLink(codeHash: string, tokenHash: string, now: number): Promise<RedeemDeviceLinkResult>;

  /** Notes that the participant's last connection to its board document closed at `at`. */
  recordVisit(participantId: string, at: number): Promise<void>;
  /** When the participant was last on its board; null if it never left it. */
  getLastVisit(participantId: string): Promise<number | null>;
}

export interface PersonRecord {
  readonly participant: ParticipantRecord;
  /** How many device tokens the participant holds now (0 once removed). */
  readonly devices: number;
  readonly lastSeenAt: number | null;
  readonly removedAt: number | null;
  readonly removedBy: string | null;
}

export type PeopleChange =
  | { readonly ok: true; readonly participant: ParticipantRecord }
  | { readonly ok: false; readonly reason: 'not_found' | 'last_facilitator' | 'needs_partner' };

/** `device`: the person moves to another device; `reentry`: issued for someone who lost theirs. */
export type DeviceLinkKind = 'device' | 'reentry';

export interface NewDeviceLink {
  readonly codeHash: string;
  readonly boardId: string;
  readonly participantId: string;
  readonly kind: DeviceLinkKind;
  readonly expiresAt: number;
  /** null: the operator's recovery command issued it. */
  readonly createdBy: string | null;
  readonly createdAt: number;
}

export type RedeemDeviceLinkResult =
  | { readonly ok: true; readonly participant: ParticipantRecord }
  | { readonly ok: false; readonly reason: 'not_found' | 'used' | 'expired' };
