import type {
  Amendment,
  AmendmentStatus,
  Attribution,
  DecisionRule,
  GoalStructure,
  Participant,
  Partner,
  PartnerProfile,
  ReasonCode,
  Relation,
  Role,
  RoundOutcome,
  RoundVisibility,
  RoundWording,
  Stance,
} from '@common-ground/shared';

/**
 * Everything the server persists, with two engines behind it: SQLite (one process, the default) and PostgreSQL
 * (several instances). It is asynchronous because PostgreSQL is on the network; the rooms keep "stored before
 * broadcast" with a per-room write queue. Operations that must be atomic are single methods (no open-ended
 * transactions), so each engine can make them atomic its own way and both pass the same storage suite.
 * Times are epoch milliseconds; binary data is Uint8Array.
 */
export interface Storage {
  /** Board, facilitator and both documents' first updates, together or not at all. */
  createBoard(input: NewBoard): Promise<void>;
  getBoard(boardId: string): Promise<BoardRecord | null>;

  /** Stores a confirmed organisation (the facilitator created it). */
  createPartner(partner: PartnerRecord): Promise<void>;
  /** The board's confirmed organisations, the only ones that count (eligible, named, listed); oldest first. */
  listPartners(boardId: string): Promise<PartnerRecord[]>;
  /** Organisations proposed by a join and neither confirmed nor declined yet, oldest first. */
  listProposedPartners(boardId: string): Promise<ProposedPartnerRecord[]>;
  /**
   * Confirms a proposed organisation and, in the same transaction, the membership of the person who proposed it.
   * `already` (nothing changed) if it is confirmed; `not_found` if the board has no such organisation or it was
   * declined.
   */
  confirmPartner(boardId: string, partnerId: string, at: number): Promise<ConfirmPartnerResult>;
  /**
   * Declines a proposed organisation: it no longer exists for the board (the row stays, for the record), and
   * whoever claimed it stays on the board as a person without organisation. `confirmed` (nothing changed) if it was
   * confirmed already: that is no longer a proposal.
   */
  declinePartner(boardId: string, partnerId: string, at: number): Promise<DeclinePartnerResult>;
  /**
   * Confirms that a person claiming the confirmed organisation `partnerId` belongs to it. `not_found` unless the
   * person is on the board and claims exactly that (confirmed) organisation.
   */
  confirmMember(
    boardId: string,
    partnerId: string,
    participantId: string,
    at: number,
  ): Promise<ConfirmMemberResult>;

  createParticipant(participant: NewParticipant): Promise<ParticipantRecord>;
  findParticipantByTokenHash(tokenHash: string): Promise<ParticipantRecord | null>;
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
  /** Uses an invite: checks it, creates the partner (if new) and the participant, counts the use — atomically. */
  join(input: JoinInput): Promise<JoinResult>;

  /**
   * Appends document updates to the log (kept forever: it is the audit trail) in one transaction and returns
   * their sequence numbers, in order. Sequence numbers increase per document; PostgreSQL numbers each document
   * 1, 2, 3… without gaps, so an instance that sees a gap knows it missed an update (a quarantined entry is
   * logged, but the reads skip it: their results have a hole at its seq).
   */
  appendUpdates(docKey: string, updates: readonly NewUpdate[]): Promise<number[]>;
  /**
   * appendUpdates, for an engine that commits synchronously (SQLite): stored when it returns. A room sends what it
   * stored in the same turn of the event loop instead of one promise later; engines that wait for a server leave
   * it out.
   */
  appendUpdatesNow?(docKey: string, updates: readonly NewUpdate[]): number[];
  /** The latest snapshot and every logged update after it that is not quarantined, in order. */
  loadDocument(docKey: string): Promise<LoadedDocument>;
  /** Stores the document state that includes every logged update up to and including `seq`. */
  saveSnapshot(docKey: string, seq: number, state: Uint8Array, at: number): Promise<void>;
  /** How many entries the document's log holds, quarantined ones included: the raw log. */
  countUpdates(docKey: string): Promise<number>;
  /**
   * Every logged update after `afterSeq` (and at or before `untilAt`, if given) that is not quarantined, in
   * order, whatever the snapshots: the base of activity, history, "as of" and an instance's catch-up.
   */
  listUpdates(docKey: string, afterSeq: number, untilAt?: number): Promise<StoredUpdate[]>;
  /**
   * Marks log entries as not applicable: kept in the log, skipped by loadDocument and listUpdates from now on.
   * Idempotent per (docKey, seq): the first reason and time stay. A reason is cut to 500 characters. All or
   * nothing; rejects, storing none, if an entry is not in the document's log.
   */
  quarantineUpdates(docKey: string, entries: readonly QuarantineEntry[], at: number): Promise<void>;
  /** Quarantined entries, oldest first; of one document, or of all. */
  listQuarantined(docKey?: string): Promise<QuarantinedUpdate[]>;
  /** How many entries are quarantined in the whole database (for the health check). */
  countQuarantined(): Promise<number>;

  /** Notes that the participant's last connection to its board document closed at `at`. */
  recordVisit(participantId: string, at: number): Promise<void>;
  /** When the participant was last on its board; null if it never left it. */
  getLastVisit(participantId: string): Promise<number | null>;

  /** Replaces a partner's profile. */
  saveProfile(profile: PartnerProfile): Promise<void>;
  listProfiles(boardId: string): Promise<PartnerProfile[]>;
  /** Stores a relation unless the board has `maxPerBoard` already or the same pair has one of this kind. */
  createRelation(relation: RelationRecord, maxPerBoard: number): Promise<CreateRelationResult>;
  getRelation(relationId: string): Promise<RelationRecord | null>;
  /** The board's relations, oldest first; removed ones only with `includeRemoved`. */
  listRelations(boardId: string, options?: { includeRemoved?: boolean }): Promise<RelationRecord[]>;
  /** Marks a relation removed; false if it was removed already. The row stays, for the record. */
  removeRelation(relationId: string, by: string, at: number): Promise<boolean>;

  /**
   * Opens a round, atomically: refused while the goal has an open round (a database constraint, so it holds
   * across instances) or while the board has no partners. Numbers it after the goal's earlier rounds, takes the
   * board's rule (`defaultRule` if it never set one) and every current partner as eligible. Its row is never
   * changed afterwards.
   */
  openRound(round: NewRound, defaultRule: DecisionRule): Promise<OpenRoundResult>;
  /** A round with its closure and every stance, oldest first; null if unknown. */
  getRound(roundId: string): Promise<StoredRound | null>;
  /** Every round of a board, oldest first. */
  listRounds(boardId: string): Promise<StoredRound[]>;
  /** The board's rounds that have no closure yet. */
  listOpenRounds(boardId: string): Promise<StoredRound[]>;
  /** Open rounds of any board whose deadline is at or before `now`. */
  listDueRounds(now: number): Promise<StoredRound[]>;
  countRounds(boardId: string, goalId: string): Promise<number>;
  /** Appends a stance (a partner's current stance is its latest); null, storing nothing, if the round is closed. */
  appendStance(stance: NewStance): Promise<StanceRecord | null>;
  /** Records a round's end; false if it was already closed (a closure is never rewritten). */
  closeRound(closure: RoundClosureRecord): Promise<boolean>;
  /** null = the board never set one (the default rule applies). */
  getDecisionRule(boardId: string): Promise<DecisionRule | null>;
  setDecisionRule(boardId: string, rule: DecisionRule, by: string, at: number): Promise<void>;

  /**
   * Stores an edit a round's wording lock refused, atomically: an author has at most one proposed amendment per
   * round, so a later refused edit of theirs replaces the texts it changed (a field it left alone keeps the earlier
   * text) and the time; the id stays. Returns the amendment as stored.
   */
  proposeAmendment(amendment: NewAmendment): Promise<Amendment>;
  getAmendment(amendmentId: string): Promise<Amendment | null>;
  /** The board's amendments, every status, oldest first. */
  listAmendments(boardId: string): Promise<Amendment[]>;
  /** Adopts or dismisses a proposed amendment, once; null (nothing changed) if it is not proposed (any more). */
  resolveAmendment(amendmentId: string, resolution: AmendmentResolution): Promise<Amendment | null>;

  /**
   * Hides a comment (the facilitator's moderation); the comment itself is never touched. Hiding a hidden comment
   * changes nothing: the first hide keeps its author and time. Returns the hide as stored.
   */
  hideComment(hide: HiddenCommentRecord): Promise<HiddenCommentRecord>;
  /** Shows a hidden comment again (the row stays, with who showed it and when); false if it was not hidden. */
  unhideComment(boardId: string, commentId: string, by: string, at: number): Promise<boolean>;
  /** The board's comments hidden now, oldest hide first. */
  listHiddenComments(boardId: string): Promise<HiddenCommentRecord[]>;

  /**
   * Records who created goals and comments (authorship shown on the board), in one transaction: an item that is
   * attributed already keeps its first author, whoever claims it later. With `backfilledAt`, also marks the board's
   * log as backfilled. Returns the stored attribution of every item given (the first writer's), in order.
   */
  addAttributions(
    boardId: string,
    items: readonly Attribution[],
    backfilledAt?: number,
  ): Promise<Attribution[]>;
  /** The board's attributions, oldest first. */
  listAttributions(boardId: string): Promise<Attribution[]>;
  /** When the board's attribution was backfilled from its update log; null if not yet. */
  attributionBackfilledAt(boardId: string): Promise<number | null>;

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
   * said what stays true). Refused for the board's last facilitator; removing again finds nobody (not_found).
   */
  removeParticipant(boardId: string, participantId: string, by: string, at: number): Promise<PeopleChange>;
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

  close(): Promise<void>;
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

/** A refused edit as the lock hands it to storage; storage decides whether it is new or replaces a proposal. */
export type NewAmendment = Omit<Amendment, 'status' | 'resolvedBy' | 'resolvedAt'>;

/** A comment hidden by a facilitator (`by`) at `at`. */
export interface HiddenCommentRecord {
  readonly boardId: string;
  readonly goalId: string;
  readonly commentId: string;
  readonly by: string;
  readonly at: number;
}

export interface AmendmentResolution {
  readonly status: Exclude<AmendmentStatus, 'proposed'>;
  readonly by: string;
  readonly at: number;
}

export interface NewBoard {
  readonly board: BoardRecord;
  readonly facilitator: NewParticipant;
  /** The documents' first updates (board and record), logged with no participant at the board's creation time. */
  readonly initialUpdates: readonly { readonly docKey: string; readonly update: Uint8Array }[];
}

export interface NewUpdate {
  readonly participantId: string | null;
  readonly update: Uint8Array;
  readonly at: number;
}

export type CreateRelationResult = 'created' | 'limit_reached' | 'duplicate';

/** A round to open; storage fills in its number, rule and eligible partners. */
export type NewRound = Omit<RoundRecord, 'number' | 'rule' | 'eligiblePartnerIds'>;

export type OpenRoundResult =
  | { readonly ok: true; readonly round: RoundRecord }
  | { readonly ok: false; readonly reason: 'round_open' | 'no_partners' };

export interface BoardRecord {
  readonly id: string;
  readonly title: string;
  readonly createdAt: number;
}

export interface PartnerRecord extends Partner {
  readonly boardId: string;
  readonly createdAt: number;
}

export interface ProposedPartnerRecord extends PartnerRecord {
  /** The person whose join proposed it; null if unknown. */
  readonly proposedBy: string | null;
}

export type ConfirmPartnerResult = 'confirmed' | 'already' | 'not_found';
export type DeclinePartnerResult = 'declined' | 'confirmed' | 'not_found';
export type ConfirmMemberResult = 'confirmed' | 'already' | 'not_found';

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
  /** The participant's colour from its index among the board's participants (0-based). */
  readonly colorFor: (index: number) => string;
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

/** A round as opened: the frozen wording, eligible partners and rule. */
export interface RoundRecord {
  readonly id: string;
  readonly boardId: string;
  readonly goalId: string;
  readonly number: number;
  readonly openedAt: number;
  readonly openedBy: string;
  readonly deadline: number | null;
  readonly visibility: RoundVisibility;
  readonly autoClose: boolean;
  readonly rule: DecisionRule;
  readonly wording: RoundWording;
  readonly eligiblePartnerIds: readonly string[];
}

export interface RoundClosureRecord {
  readonly roundId: string;
  readonly closedAt: number;
  readonly outcome: RoundOutcome;
  /** Empty for `invalidated`. */
  readonly reasons: readonly ReasonCode[];
  /** The facilitator who closed it; null when a deadline, auto-close or an edit of the wording closed it. */
  readonly closedBy: string | null;
  /**
   * The goal's lead, commitments and review date when the round closed as `agreed`, frozen with it. null for the
   * other outcomes, and for rounds closed before they were frozen (the agreement then shows the current ones).
   */
  readonly agreedStructure: GoalStructure | null;
}

export interface NewStance {
  readonly roundId: string;
  readonly partnerId: string;
  readonly stance: Stance;
  readonly reason: string | null;
  readonly provisionalUntil: number | null;
  /** The participant who gave it: a person of the partner, or a facilitator recording for it. */
  readonly recordedBy: string;
  readonly byFacilitator: boolean;
  readonly at: number;
}

export interface StanceRecord extends NewStance {
  /** Increases with every stance stored, so it orders stances even within one millisecond. */
  readonly id: number;
}

export interface StoredRound extends RoundRecord {
  readonly closure: RoundClosureRecord | null;
  /** Every stance of the round, oldest first. */
  readonly stances: readonly StanceRecord[];
}

export interface RelationRecord extends Relation {
  readonly boardId: string;
  readonly removedAt: number | null;
  readonly removedBy: string | null;
}

export interface StoredUpdate {
  readonly seq: number;
  readonly participantId: string | null;
  readonly update: Uint8Array;
  readonly at: number;
}

/** A log entry that cannot be applied (it throws, or leaves pending state), and why. */
export interface QuarantineEntry {
  readonly seq: number;
  readonly reason: string;
}

export interface QuarantinedUpdate {
  readonly docKey: string;
  readonly seq: number;
  readonly reason: string;
  /** When it was quarantined. */
  readonly at: number;
}

export interface LoadedDocument {
  readonly snapshot: Uint8Array | null;
  /** Sequence number the snapshot includes; 0 without a snapshot. */
  readonly snapshotSeq: number;
  readonly updates: readonly StoredUpdate[];
}

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
