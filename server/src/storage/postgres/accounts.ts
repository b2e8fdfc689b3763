import type { PoolClient } from 'pg';
import { INVITE_COLUMNS, toInvite } from '../rows';
import {
  type InviteRecord,
  inviteState,
  type JoinFailure,
  type JoinInput,
  type JoinResult,
  type NewParticipant,
  type ParticipantRecord,
  type PartnerRecord,
} from '../types';
import { findOne, type Queryable } from './db';

// Partners, participants and invites: inserts and joining, the account part of PostgresStorage.

/**
 * Uses an invite inside the caller's transaction. The use is counted by a guarded increment (check and use in one statement, re-checked against the latest row
 * if another join got there first), so no two joins can overuse a code. The board row's lock makes joins of one
 * board take turns, so each participant gets its own colour index.
 */
export async function joinWithInvite(client: PoolClient, input: JoinInput): Promise<JoinResult> {
  const fail = (reason: JoinFailure): JoinResult => ({ ok: false, reason });
  const invite = await findInvite(client, input.code);
  if (!invite) return fail('invite_not_found');
  const boardId = invite.boardId;
  let partnerId: string | null = null;
  if (input.partner.type === 'existing') {
    const found = await client.query('SELECT 1 FROM partners WHERE id = $1 AND board_id = $2', [
      input.partner.partnerId,
      boardId,
    ]);
    if (found.rowCount !== 1) return fail('partner_not_found');
    partnerId = input.partner.partnerId;
  }
  const used = await client.query(
    `UPDATE invites SET uses = uses + 1
     WHERE code = $1 AND expires_at > $2 AND (max_uses IS NULL OR uses < max_uses)`,
    [input.code, input.now],
  );
  if (used.rowCount !== 1) {
    return fail(inviteState(invite, input.now) === 'expired' ? 'invite_expired' : 'invite_used_up');
  }
  await client.query('SELECT 1 FROM boards WHERE id = $1 FOR NO KEY UPDATE', [boardId]);
  let createdPartner: PartnerRecord | null = null;
  if (input.partner.type === 'new') {
    createdPartner = { ...input.partner.partner, boardId, createdAt: input.now };
    await insertPartner(client, createdPartner);
    partnerId = createdPartner.id;
  }
  const counted = await client.query<{ n: number }>(
    'SELECT count(*) AS n FROM participants WHERE board_id = $1',
    [boardId],
  );
  const participant = await insertParticipant(client, {
    ...input.participant,
    boardId,
    partnerId,
    role: invite.role,
    color: input.colorFor(counted.rows[0]?.n ?? 0),
    createdAt: input.now,
  });
  return { ok: true, boardId, participant, createdPartner };
}

export async function insertPartner(client: Queryable, p: PartnerRecord): Promise<void> {
  await client.query(
    'INSERT INTO partners (id, board_id, name, kind, created_at) VALUES ($1, $2, $3, $4, $5)',
    [p.id, p.boardId, p.name, p.kind, p.createdAt],
  );
}

export async function insertParticipant(client: Queryable, p: NewParticipant): Promise<ParticipantRecord> {
  await client.query(
    `INSERT INTO participants (id, board_id, partner_id, name, role, color, token_hash, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [p.id, p.boardId, p.partnerId, p.name, p.role, p.color, p.tokenHash, p.createdAt],
  );
  const { tokenHash: _secret, ...record } = p;
  return record;
}

export function findInvite(client: Queryable, code: string): Promise<InviteRecord | null> {
  return findOne(client, `SELECT ${INVITE_COLUMNS} FROM invites WHERE code = $1`, [code], toInvite);
}
