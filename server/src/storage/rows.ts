import {
  type DecisionRule,
  type PartnerKind,
  type PartnerProfile,
  PartnerProfileSchema,
  type ReasonCode,
  type RelationKind,
  type Role,
  type RoundOutcome,
  type RoundVisibility,
  type Stance,
} from '@common-ground/shared';
import type {
  BoardRecord,
  InviteRecord,
  ParticipantRecord,
  PartnerRecord,
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
}
export interface InviteRow {
  code: string;
  board_id: string;
  role: string;
  max_uses: number | null;
  uses: number;
  expires_at: number;
  created_by: string | null;
  created_at: number;
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
export const PARTICIPANT_COLUMNS = 'id, board_id, partner_id, name, role, color, created_at';
export const INVITE_COLUMNS = 'code, board_id, role, max_uses, uses, expires_at, created_by, created_at';
export const RELATION_COLUMNS =
  'id, board_id, from_partner, to_partner, kind, strength, note, created_by, created_at, removed_by, removed_at';

export type InviteValues = [string, string, string, number | null, number, number, string | null, number];

/** An invite's values in the order of INVITE_COLUMNS, for an insert. */
export const inviteValues = (i: InviteRecord): InviteValues => [
  i.code,
  i.boardId,
  i.role,
  i.maxUses,
  i.uses,
  i.expiresAt,
  i.createdBy,
  i.createdAt,
];

export const toBoard = (r: BoardRow): BoardRecord => ({ id: r.id, title: r.title, createdAt: r.created_at });

export const toPartner = (r: PartnerRow): PartnerRecord => ({
  id: r.id,
  boardId: r.board_id,
  name: r.name,
  kind: r.kind as PartnerKind,
  createdAt: r.created_at,
});

export const toParticipant = (r: ParticipantRow): ParticipantRecord => ({
  id: r.id,
  boardId: r.board_id,
  partnerId: r.partner_id,
  name: r.name,
  role: r.role as Role,
  color: r.color,
  createdAt: r.created_at,
});

export const toInvite = (r: InviteRow): InviteRecord => ({
  code: r.code,
  boardId: r.board_id,
  role: r.role as Role,
  maxUses: r.max_uses,
  uses: r.uses,
  expiresAt: r.expires_at,
  createdBy: r.created_by,
  createdAt: r.created_at,
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
