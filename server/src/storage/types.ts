import type {
  DecisionRule,
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
 * Everything the server persists. Implementations are synchronous because every accepted document update is
 * appended before it is broadcast, inside the websocket message handler; an implementation on a network database
 * (PostgreSQL) needs an async variant of this interface and a per-room write queue in front of it.
 * Times are epoch milliseconds; binary data is Uint8Array.
 */
export interface Storage {
  createBoard(board: BoardRecord): void;
  getBoard(boardId: string): BoardRecord | null;

  createPartner(partner: PartnerRecord): void;
  listPartners(boardId: string): PartnerRecord[];

  createParticipant(participant: NewParticipant): ParticipantRecord;
  findParticipantByTokenHash(tokenHash: string): ParticipantRecord | null;
  listParticipants(boardId: string): ParticipantRecord[];

  createInvite(invite: InviteRecord): void;
  findInvite(code: string): InviteRecord | null;
  /** Uses an invite: checks it, creates the partner (if new) and the participant, counts the use — atomically. */
  join(input: JoinInput): JoinResult;

  /** Appends one document update to the log (kept forever: it is the audit trail) and returns its sequence number. */
  appendUpdate(docKey: string, participantId: string | null, update: Uint8Array, at: number): number;
  /** The latest snapshot and every logged update after it, in order. */
  loadDocument(docKey: string): LoadedDocument;
  /** Stores the document state that includes every logged update up to and including `seq`. */
  saveSnapshot(docKey: string, seq: number, state: Uint8Array, at: number): void;
  countUpdates(docKey: string): number;
  /**
   * Every logged update after `afterSeq` (and at or before `untilAt`, if given), in order, whatever the
   * snapshots: the base of activity, history and "as of".
   */
  listUpdates(docKey: string, afterSeq: number, untilAt?: number): StoredUpdate[];

  /** Notes that the participant's last connection to its board document closed at `at`. */
  recordVisit(participantId: string, at: number): void;
  /** When the participant was last on its board; null if it never left it. */
  getLastVisit(participantId: string): number | null;

  /** Replaces a partner's profile. */
  saveProfile(profile: PartnerProfile): void;
  listProfiles(boardId: string): PartnerProfile[];
  createRelation(relation: RelationRecord): void;
  getRelation(relationId: string): RelationRecord | null;
  /** The board's relations, oldest first; removed ones only with `includeRemoved`. */
  listRelations(boardId: string, options?: { includeRemoved?: boolean }): RelationRecord[];
  /** Marks a relation removed; false if it was removed already. The row stays, for the record. */
  removeRelation(relationId: string, by: string, at: number): boolean;

  /** Stores a round as opened; its row is never changed afterwards. */
  createRound(round: RoundRecord): void;
  /** A round with its closure and every stance, oldest first; null if unknown. */
  getRound(roundId: string): StoredRound | null;
  /** Every round of a board, oldest first. */
  listRounds(boardId: string): StoredRound[];
  /** The board's rounds that have no closure yet. */
  listOpenRounds(boardId: string): StoredRound[];
  /** Open rounds of any board whose deadline is at or before `now`. */
  listDueRounds(now: number): StoredRound[];
  countRounds(boardId: string, goalId: string): number;
  /** Appends a stance; a partner's current stance is its latest one. */
  appendStance(stance: NewStance): StanceRecord;
  /** Records a round's end; false if it was already closed (a closure is never rewritten). */
  closeRound(closure: RoundClosureRecord): boolean;
  /** null = the board never set one (the default rule applies). */
  getDecisionRule(boardId: string): DecisionRule | null;
  setDecisionRule(boardId: string, rule: DecisionRule, by: string, at: number): void;

  /** Runs `fn` atomically; nested calls join the outer transaction. */
  transaction<T>(fn: () => T): T;
  close(): void;
}

export interface BoardRecord {
  readonly id: string;
  readonly title: string;
  readonly createdAt: number;
}

export interface PartnerRecord extends Partner {
  readonly boardId: string;
  readonly createdAt: number;
}

export interface ParticipantRecord extends Participant {
  readonly boardId: string;
  readonly createdAt: number;
}

export interface NewParticipant extends ParticipantRecord {
  readonly tokenHash: string;
}

export interface InviteRecord {
  readonly code: string;
  readonly boardId: string;
  readonly role: Role;
  /** null = any number of uses until it expires. */
  readonly maxUses: number | null;
  readonly uses: number;
  readonly expiresAt: number;
  readonly createdBy: string | null;
  readonly createdAt: number;
}

export type JoinPartner =
  | { readonly type: 'new'; readonly partner: Partner }
  | { readonly type: 'existing'; readonly partnerId: string }
  | { readonly type: 'none' };

export interface JoinInput {
  readonly code: string;
  readonly now: number;
  readonly participant: { readonly id: string; readonly name: string; readonly tokenHash: string };
  readonly partner: JoinPartner;
  /** The participant's colour from its index among the board's participants (0-based). */
  readonly colorFor: (index: number) => string;
}

export type JoinFailure = 'invite_not_found' | 'invite_expired' | 'invite_used_up' | 'partner_not_found';

export type JoinResult =
  | {
      readonly ok: true;
      readonly boardId: string;
      readonly participant: ParticipantRecord;
      /** The partner created by this join, if any. */
      readonly createdPartner: PartnerRecord | null;
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

export interface LoadedDocument {
  readonly snapshot: Uint8Array | null;
  /** Sequence number the snapshot includes; 0 without a snapshot. */
  readonly snapshotSeq: number;
  readonly updates: readonly StoredUpdate[];
}

/** Whether an invite can still be used at `now` (shared by the API's preview and the join transaction). */
export function inviteState(invite: InviteRecord, now: number): 'usable' | 'expired' | 'used_up' {
  if (invite.expiresAt <= now) return 'expired';
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) return 'used_up';
  return 'usable';
}
