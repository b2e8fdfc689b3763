import {
  type PartnerKind,
  type PartnerProfile,
  PartnerProfileSchema,
  type RelationKind,
  type Role,
  type RoundOutcome,
  type RoundVisibility,
} from '@common-ground/shared/api';
import type { DecisionRule, ReasonCode, Stance } from '@common-ground/shared/rules';
import type { GoalStructure } from '@common-ground/shared/schema';
import type {
  BoardRecord,
  InviteRecord,
  NewInvite,
  ParticipantRecord,
  PartnerRecord,
  ProposedPartnerRecord,
  QuarantinedUpdate,
  RelationRecord,
  RoundClosureRecord,
  RoundRecord,
  StanceRecord,
} from './types';

/*
 * Rows as both engines read them, and their mapping to records. The engines' tables have the same columns; where
 * PostgreSQL has a native type (boolean, JSONB, text[]) and SQLite stores 0/1 or JSON text, these shapes are
 * PostgreSQL's and the SQLite engine converts those columns before mapping.
 * Rows only ever come from our own inserts, whose values were validated at the API boundary or by the rounds
 * service: the casts to the shared string unions trust that.
 */

export interface BoardRow {
  id: string;
  title: string;
  created_at: number;
}
export interface PartnerRow {
  id: string;
  board_id: string;
  name: string;
  kind: string;
  created_at: number;
}
export interface ParticipantRow {
  id: string;
  board_id: string;
  partner_id: string | null;
  name: string;
  role: string;
  color: string;
  created_at: number;
  /** NULL while the membership in partner_id is a claim that waits for confirmation. */
  confirmed_at: number | null;
  /** The pseudonym's number once the person's data was erased. */
  erased_number: number | null;
}
export interface ProposedPartnerRow extends PartnerRow {
  proposed_by: string | null;
}
export interface InviteRow {
  id: string;
  board_id: string;
  role: string;
  max_uses: number | null;
  uses: number;
  expires_at: number;
  created_by: string | null;
  created_at: number;
  revoked_at: number | null;
  revoked_by: string | null;
  partner_id: string | null;
}
export interface QuarantinedRow {
  doc_key: string;
  seq: number;
  reason: string;
  at: number;
}
export interface ProfileRow {
  partner_id: string;
  /** The editable fields, as parsed JSON. */
  profile: unknown;
  updated_by: string;
  updated_at: number;
}
export interface RelationRow {
  id: string;
  board_id: string;
  from_partner: string;
  to_partner: string;
  kind: string;
  strength: number;
  note: string;
  created_by: string;
  created_at: number;
  removed_by: string | null;
  removed_at: number | null;
}
export interface RoundRow {
  id: string;
  board_id: string;
  goal_id: string;
  number: number;
  opened_at: number;
  opened_by: string;
  deadline: number | null;
  visibility: string;
  auto_close: boolean;
  rule: DecisionRule;
  wording_title: string;
  wording_description: string;
  wording_hash: string;
  eligible_partner_ids: string[];
}
export interface ClosureRow {
  round_id: string;
  closed_at: number;
  outcome: string;
  reasons: ReasonCode[];
  closed_by: string | null;
  agreed_structure: GoalStructure | null;
}
export interface StanceRow {
  id: number;
  round_id: string;
  partner_id: string;
  stance: string;
  reason: string | null;
  provisional_until: number | null;
  recorded_by: string;
  by_facilitator: boolean;
  at: number;
}

export const PARTNER_COLUMNS = 'id, board_id, name, kind, created_at';
export const PARTICIPANT_COLUMNS =
  'id, board_id, partner_id, name, role, color, created_at, confirmed_at, erased_number';
/** The row values that make a participant: a claim (pendingPartnerId) is stored unconfirmed. */
export const participantMembership = (p: {
  partnerId: string | null;
  pendingPartnerId?: string | null | undefined;
  createdAt: number;
}): { partnerId: string | null; confirmedAt: number | null } =>
  p.partnerId !== null
    ? { partnerId: p.partnerId, confirmedAt: p.createdAt }
    : { partnerId: p.pendingPartnerId ?? null, confirmedAt: null };
/** What an invite's reads select: everything but the code's hash, which only ever serves to find it. */
export const INVITE_COLUMNS =
  'id, board_id, role, max_uses, uses, expires_at, created_by, created_at, revoked_at, revoked_by, partner_id';
/** An insert's columns, in the order of inviteValues. */
export const INVITE_INSERT_COLUMNS = `code_hash, ${INVITE_COLUMNS}`;
export const RELATION_COLUMNS =
  'id, board_id, from_partner, to_partner, kind, strength, note, created_by, created_at, removed_by, removed_at';

export type InviteValues = [
  string,
  string,
  string,
  string,
  number | null,
  number,
  number,
  string | null,
  number,
  number | null,
  string | null,
  string | null,
];

/** An invite's values in the order of INVITE_INSERT_COLUMNS. */
export const inviteValues = (i: NewInvite): InviteValues => [
  i.codeHash,
  i.id,
  i.boardId,
  i.role,
  i.maxUses,
  i.uses,
  i.expiresAt,
  i.createdBy,
  i.createdAt,
  i.revokedAt,
  i.revokedBy,
  i.partnerId ?? null,
];

export const toBoard = (r: BoardRow): BoardRecord => ({ id: r.id, title: r.title, createdAt: r.created_at });

export const toPartner = (r: PartnerRow): PartnerRecord => ({
  id: r.id,
  boardId: r.board_id,
  name: r.name,
  kind: r.kind as PartnerKind,
  createdAt: r.created_at,
});

export const toProposedPartner = (r: ProposedPartnerRow): ProposedPartnerRecord => ({
  ...toPartner(r),
  proposedBy: r.proposed_by,
});

/**
 * partnerId is only ever a confirmed membership: every reader that asks "whom does this person speak for" (stances,
 * stance visibility, profiles, relations) gets null for a claim, so none can forget the check. The claim is
 * pendingPartnerId, set only while it waits.
 */
export const toParticipant = (r: ParticipantRow): ParticipantRecord => ({
  id: r.id,
  boardId: r.board_id,
  partnerId: r.confirmed_at !== null ? r.partner_id : null,
  ...(r.confirmed_at === null && r.partner_id !== null ? { pendingPartnerId: r.partner_id } : {}),
  name: r.name,
  role: r.role as Role,
  color: r.color,
  createdAt: r.created_at,
  ...(r.erased_number !== null && r.erased_number !== undefined ? { erased: Number(r.erased_number) } : {}),
});

export const toInvite = (r: InviteRow): InviteRecord => ({
  id: r.id,
  boardId: r.board_id,
  role: r.role as Role,
  maxUses: r.max_uses,
  uses: r.uses,
  expiresAt: r.expires_at,
  createdBy: r.created_by,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  revokedBy: r.revoked_by,
  partnerId: r.partner_id,
});

export const toQuarantined = (r: QuarantinedRow): QuarantinedUpdate => ({
  docKey: r.doc_key,
  seq: r.seq,
  reason: r.reason,
  at: r.at,
});

/** The profile's editable fields as stored; an entry an older version wrote is read as far as it is valid. */
export function toProfile(r: ProfileRow): PartnerProfile | null {
  const parsed = PartnerProfileSchema.safeParse({
    ...(typeof r.profile === 'object' ? r.profile : {}),
    partnerId: r.partner_id,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  });
  return parsed.success ? parsed.data : null;
}

export const toRelation = (r: RelationRow): RelationRecord => ({
  id: r.id,
  boardId: r.board_id,
  from: r.from_partner,
  to: r.to_partner,
  kind: r.kind as RelationKind,
  strength: r.strength,
  note: r.note,
  createdBy: r.created_by,
  createdAt: r.created_at,
  removedBy: r.removed_by,
  removedAt: r.removed_at,
});

export const toRound = (r: RoundRow): RoundRecord => ({
  id: r.id,
  boardId: r.board_id,
  goalId: r.goal_id,
  number: r.number,
  openedAt: r.opened_at,
  openedBy: r.opened_by,
  deadline: r.deadline,
  visibility: r.visibility as RoundVisibility,
  autoClose: r.auto_close,
  rule: r.rule,
  wording: { title: r.wording_title, description: r.wording_description, hash: r.wording_hash },
  eligiblePartnerIds: r.eligible_partner_ids,
});

export const toClosure = (r: ClosureRow): RoundClosureRecord => ({
  roundId: r.round_id,
  closedAt: r.closed_at,
  outcome: r.outcome as RoundOutcome,
  reasons: r.reasons,
  closedBy: r.closed_by,
  agreedStructure: r.agreed_structure,
});

export const toStance = (r: StanceRow): StanceRecord => ({
  id: r.id,
  roundId: r.round_id,
  partnerId: r.partner_id,
  stance: r.stance as Stance,
  reason: r.reason,
  provisionalUntil: r.provisional_until,
  recordedBy: r.recorded_by,
  byFacilitator: r.by_facilitator,
  at: r.at,
});

/** Each round's stances, in the order given. */
export function stancesByRound(stances: readonly StanceRecord[]): Map<string, StanceRecord[]> {
  const byRound = new Map<string, StanceRecord[]>();
  for (const stance of stances) {
    const list = byRound.get(stance.roundId) ?? [];
    list.push(stance);
    byRound.set(stance.roundId, list);
  }
  return byRound;
}
