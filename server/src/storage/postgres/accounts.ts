import type { PoolClient } from 'pg';
import { joinMembership } from '../membership';
import {
  INVITE_COLUMNS,
  INVITE_INSERT_COLUMNS,
  type InviteRow,
  inviteValues,
  participantMembership,
  toInvite,
} from '../rows';
import {
  type InviteRecord,
  type JoinFailure,
  type JoinInput,
  type JoinResult,
  type NewInvite,
  type NewParticipant,
  type ParticipantRecord,
  type PartnerRecord,
  type ProposedPartnerRecord,
  refusalOf,
} from '../types';
import { findOne, type Queryable } from './db';
import { insertFirstToken } from './people';

// Partners, participants and invites: inserts and joining, the account part of PostgresStorage.

/**
 * Uses an invite inside the caller's transaction. The use is counted by a guarded increment (check and use in one statement, re-checked against the latest row
 * if another join got there first), so no two joins can overuse a code. The board row's lock makes joins of one
 * board take turns, so each participant gets its own colour index.
 */
export async function joinWithInvite(client: PoolClient, input: JoinInput): Promise<JoinResult> {
  const fail = (reason: JoinFailure): JoinResult => ({ ok: false, reason });
  const invite = await findInviteByCodeHash(client, input.codeHash);
  if (!invite) return fail('invite_not_found');
  const boardId = invite.boardId;
  const membership = joinMembership(invite, input.partner);
  if (membership.type === 'refused') return fail(membership.reason);
  if (membership.type === 'claim') {
    // Confirmed organisations only: a proposed one can be claimed by nobody but its proposer.
    const found = await client.query(
      'SELECT 1 FROM partners WHERE id = $1 AND board_id = $2 AND confirmed_at IS NOT NULL',
      [membership.partnerId, boardId],
    );
    if (found.rowCount !== 1) return fail('partner_not_found');
  }
  const used = await client.query(
    `UPDATE invites SET uses = uses + 1
     WHERE id = $1 AND revoked_at IS NULL AND expires_at > $2 AND (max_uses IS NULL OR uses < max_uses)`,
    [invite.id, input.now],
  );
  if (used.rowCount !== 1) {
    // Read again: another instance may have revoked it or taken its last use since the first read.
    const latest = await findOne(
      client,
      `SELECT ${INVITE_COLUMNS} FROM invites WHERE id = $1`,
      [invite.id],
      toInvite,
    );
    return fail(refusalOf(latest ?? invite, input.now));
  }
  await client.query('SELECT 1 FROM boards WHERE id = $1 FOR NO KEY UPDATE', [boardId]);
  let createdPartner: ProposedPartnerRecord | null = null;
  if (membership.type === 'propose' && input.partner.type === 'new') {
    createdPartner = {
      ...input.partner.partner,
      boardId,
      createdAt: input.now,
      proposedBy: input.participant.id,
    };
    await insertPartner(client, createdPartner, null, createdPartner.proposedBy);
  }
  const counted = await client.query<{ n: number }>(
    'SELECT count(*) AS n FROM participants WHERE board_id = $1',
    [boardId],
  );
  const participant = await insertParticipant(client, {
    ...input.participant,
    boardId,
    partnerId: membership.type === 'confirmed' ? membership.partnerId : null,
    pendingPartnerId: membership.type === 'claim' ? membership.partnerId : (createdPartner?.id ?? null),
    role: invite.role,
    color: input.colorFor(counted.rows[0]?.n ?? 0),
    createdAt: input.now,
  });
  return { ok: true, boardId, participant, createdPartner };
}

/** Stores an organisation, confirmed at `confirmedAt` or (null) proposed by `proposedBy`. */
export async function insertPartner(
  client: Queryable,
  p: PartnerRecord,
  confirmedAt: number | null,
  proposedBy: string | null,
): Promise<void> {
  await client.query(
    `INSERT INTO partners (id, board_id, name, kind, created_at, confirmed_at, proposed_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [p.id, p.boardId, p.name, p.kind, p.createdAt, confirmedAt, proposedBy],
  );
}

export async function insertParticipant(client: Queryable, p: NewParticipant): Promise<ParticipantRecord> {
  const membership = participantMembership(p);
  await client.query(
    `INSERT INTO participants (id, board_id, partner_id, name, role, color, token_hash, created_at, confirmed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      p.id,
      p.boardId,
      membership.partnerId,
      p.name,
      p.role,
      p.color,
      p.tokenHash,
      p.createdAt,
      membership.confirmedAt,
    ],
  );
  await insertFirstToken(client, p.id, p.tokenHash, p.createdAt);
  const { tokenHash: _secret, ...record } = p;
  return record;
}

export async function insertInvite(client: Queryable, i: NewInvite): Promise<void> {
  await client.query(
    `INSERT INTO invites (${INVITE_INSERT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    inviteValues(i),
  );
}

export function findInviteByCodeHash(client: Queryable, codeHash: string): Promise<InviteRecord | null> {
  return findOne(client, `SELECT ${INVITE_COLUMNS} FROM invites WHERE code_hash = $1`, [codeHash], toInvite);
}

export async function listInvites(client: Queryable, boardId: string): Promise<InviteRecord[]> {
  const { rows } = await client.query<InviteRow>(
    `SELECT ${INVITE_COLUMNS} FROM invites WHERE board_id = $1 ORDER BY created_at, id`,
    [boardId],
  );
  return rows.map(toInvite);
}

/** Sets the revocation once (a later call keeps the first) and returns the invite as it now is. */
export async function revokeInvite(
  client: Queryable,
  boardId: string,
  inviteId: string,
  by: string,
  at: number,
): Promise<InviteRecord | null> {
  await client.query(
    'UPDATE invites SET revoked_at = $1, revoked_by = $2 WHERE id = $3 AND board_id = $4 AND revoked_at IS NULL',
    [at, by, inviteId, boardId],
  );
  return findOne(
    client,
    `SELECT ${INVITE_COLUMNS} FROM invites WHERE id = $1 AND board_id = $2`,
    [inviteId, boardId],
    toInvite,
  );
}
