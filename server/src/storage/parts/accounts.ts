import type { Participant, Partner, Role } from '@common-ground/shared/api';
import type { ProposedPartnerRecord } from './partners';

/** Boards and who gets onto them: participants, invites and the join that uses one. */
export interface AccountStore {
  /** Board, facilitator and both documents' first updates, together or not at all. */
  createBoard(input: NewBoard): Promise<void>;
  getBoard(boardId: string): Promise<BoardRecord | null>;

  createParticipant(participant: NewParticipant): Promise<ParticipantRecord>;
  listParticipants(boardId: string): Promise<ParticipantRecord[]>;

  /** Stores an invite by its code's hash only: whoever reads the database cannot join with what it finds. */
  createInvite(invite: NewInvite): Promise<void>;
  findInviteByCodeHash(codeHash: string): Promise<InviteRecord | null>;
  /** The board's invites, oldest first, revoked, expired and used-up ones included. */
  listInvites(boardId: string): Promise<InviteRecord[]>;
  /**
   * Revokes one of the board's invites, so that no join can use it any more; null if the board has no invite of
   * that id. Idempotent: revoking again changes nothing (the first revocation's time and author stay).
   */
  revokeInvite(boardId: string, inviteId: string, by: string, at: number): Promise<InviteRecord | null>;
  /**
   * Uses an invite: checks it, creates the partner (if new) and the participant, counts the use — atomically.
   * Joins of one board take turns, so each participant gets its own number on the board (see JoinInput.colors).
   */
  join(input: JoinInput): Promise<JoinResult>;

  /** The facilitator's addition to the privacy notice; null when the board has none. */
  getPrivacyNote(boardId: string): Promise<PrivacyNoteRecord | null>;
  /** Replaces the board's privacy note; an empty text removes it. */
  setPrivacyNote(boardId: string, note: PrivacyNoteRecord): Promise<void>;
}

/** The text the facilitator adds to the join page's privacy notice (joint controllers, whom to ask). */
export interface PrivacyNoteRecord {
  readonly text: string;
  readonly updatedBy: string;
  readonly updatedAt: number;
}

export interface NewBoard {
  readonly board: BoardRecord;
  readonly facilitator: NewParticipant;
  /** The documents' first updates (board and record), logged with no participant at the board's creation time. */
  readonly initialUpdates: readonly { readonly docKey: string; readonly update: Uint8Array }[];
}

export interface BoardRecord {
  readonly id: string;
  readonly title: string;
  readonly createdAt: number;
}

export interface ParticipantRecord extends Participant {
  readonly boardId: string;
  readonly createdAt: number;
}

/**
 * A participant to store: `partnerId` is a confirmed membership, `pendingPartnerId` a claim that waits for
 * confirmation (at most one of them is set).
 */
export interface NewParticipant extends ParticipantRecord {
  readonly tokenHash: string;
}

export interface InviteRecord {
  /** Names the invite for listing and revoking; not a secret, and no way to join. */
  readonly id: string;
  readonly boardId: string;
  readonly role: Role;
  /** null = any number of uses until it expires. */
  readonly maxUses: number | null;
  readonly uses: number;
  readonly expiresAt: number;
  readonly createdBy: string | null;
  readonly createdAt: number;
  /** When a facilitator revoked it (null while it stands), and who. */
  readonly revokedAt: number | null;
  readonly revokedBy: string | null;
  /**
   * The one confirmed organisation the invite's people join, confirmed at once (the facilitator vouched for them by
   * handing out the link); null or absent: they name or propose one themselves.
   */
  readonly partnerId?: string | null;
}

/** An invite as created: the SHA-256 of its code is stored, the code itself never. */
export interface NewInvite extends InviteRecord {
  readonly codeHash: string;
}

export type JoinPartner =
  | { readonly type: 'new'; readonly partner: Partner }
  | { readonly type: 'existing'; readonly partnerId: string }
  | { readonly type: 'none' };

export interface JoinInput {
  readonly codeHash: string;
  readonly now: number;
  readonly participant: { readonly id: string; readonly name: string; readonly tokenHash: string };
  readonly partner: JoinPartner;
  /**
   * The colours participants take in turn, as the domain chose them: the participant numbered n on the board
   * (0-based, in the order they came onto it; the facilitator is 0) is stored with `colors[n % colors.length]`.
   * Storage only numbers the participants, inside the join's transaction, so no two get the same number.
   */
  readonly colors: readonly string[];
}

export type JoinFailure =
  | 'invite_not_found'
  | 'invite_revoked'
  | 'invite_expired'
  | 'invite_used_up'
  | 'partner_not_found'
  /** A partner or partnerId the invite does not allow: it names the organisation already, or is for observers. */
  | 'partner_fixed';

export type JoinResult =
  | {
      readonly ok: true;
      readonly boardId: string;
      readonly participant: ParticipantRecord;
      /** The organisation this join proposed, if any: waiting for the facilitator, like its proposer. */
      readonly createdPartner: ProposedPartnerRecord | null;
    }
  | { readonly ok: false; readonly reason: JoinFailure };

/** Whether an invite can still be used at `now` (shared by the API's preview and the join transaction). */
export function inviteState(invite: InviteRecord, now: number): 'usable' | 'revoked' | 'expired' | 'used_up' {
  // Revoked first: it is the facilitator's deliberate word, whatever else holds.
  if (invite.revokedAt !== null) return 'revoked';
  if (invite.expiresAt <= now) return 'expired';
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) return 'used_up';
  return 'usable';
}

/** Why a join could not use an invite whose guarded use counted nothing (read after the attempt). */
export function refusalOf(invite: InviteRecord, now: number): JoinFailure {
  const state = inviteState(invite, now);
  if (state === 'revoked') return 'invite_revoked';
  if (state === 'expired') return 'invite_expired';
  return 'invite_used_up';
}

/** The colour of the participant numbered `n` on its board (see JoinInput.colors). */
export function colorOfNumber(colors: readonly string[], n: number): string {
  const color = colors[n % colors.length];
  if (color === undefined) throw new Error('A join needs at least one colour');
  return color;
}
