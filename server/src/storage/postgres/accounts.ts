import type { Pool, PoolClient } from 'pg';
import { joinMembership } from '../membership';
import {
  type AccountStore,
  type BoardRecord,
  colorOfNumber,
  type InviteRecord,
  type JoinFailure,
  type JoinInput,
  type JoinResult,
  type NewBoard,
  type NewInvite,
  type NewParticipant,
  type ParticipantRecord,
  type PrivacyNoteRecord,
  refusalOf,
} from '../parts/accounts';
import type { ProposedPartnerRecord } from '../parts/partners';
import {
  INVITE_COLUMNS,
  INVITE_INSERT_COLUMNS,
  type InviteRow,
  inviteValues,
  PARTICIPANT_COLUMNS,
  type ParticipantRow,
  participantMembership,
  toBoard,
  toInvite,
  toParticipant,
} from '../rows';
import { findOne, inTransaction, type Queryable } from './db';
import { insertPartner } from './partners';
import { insertFirstToken } from './people';
import { PostgresDocumentLog } from './updateLog';

/** Boards, participants, invites and joining: the accounts part of PostgresStorage. */
export class PostgresAccountStore implements AccountStore {
  constructor(private readonly pool: Pool) {}

  createBoard({ board, facilitator, initialUpdates }: NewBoard): Promise<void> {
    return inTransaction(this.pool, async (client) => {
      await client.query('INSERT INTO boards (id, title, created_at) VALUES ($1, $2, $3)', [
        board.id,
        board.title,
        board.createdAt,
      ]);
      await insertParticipant(client, facilitator);
      const log = new PostgresDocumentLog(client);
      for (const { docKey, update } of initialUpdates) {
        await log.appendUpdates(docKey, [{ participantId: null, update, at: board.createdAt }]);
      }
    });
  }

  getBoard(boardId: string): Promise<BoardRecord | null> {
    return findOne(this.pool, 'SELECT id, title, created_at FROM boards WHERE id = $1', [boardId], toBoard);
  }

  getPrivacyNote(boardId: string): Promise<PrivacyNoteRecord | null> {
    return findOne(
      this.pool,
      'SELECT text, updated_by, updated_at FROM board_privacy_notes WHERE board_id = $1',
      [boardId],
      (row: { text: string; updated_by: string; updated_at: number }) => ({
        text: row.text,
        updatedBy: row.updated_by,
        updatedAt: row.updated_at,
      }),
    );
  }

  async setPrivacyNote(boardId: string, note: PrivacyNoteRecord): Promise<void> {
    if (note.text === '') {
      await this.pool.query('DELETE FROM board_privacy_notes WHERE board_id = $1', [boardId]);
      return;
    }
    await this.pool.query(
      `INSERT INTO board_privacy_notes (board_id, text, updated_by, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (board_id) DO UPDATE
         SET text = EXCLUDED.text, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [boardId, note.text, note.updatedBy, note.updatedAt],
    );
  }

  createParticipant(participant: NewParticipant): Promise<ParticipantRecord> {
    // Two rows (the participant and its first device token): one transaction.
    return inTransaction(this.pool, (client) => insertParticipant(client, participant));
  }

  async listParticipants(boardId: string): Promise<ParticipantRecord[]> {
    const { rows } = await this.pool.query<ParticipantRow>(
      `SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE board_id = $1 ORDER BY created_at, id`,
      [boardId],
    );
    return rows.map(toParticipant);
  }

  async createInvite(i: NewInvite): Promise<void> {
    await this.pool.query(
      `INSERT INTO invites (${INVITE_INSERT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      inviteValues(i),
    );
  }

  findInviteByCodeHash(codeHash: string): Promise<InviteRecord | null> {
    return findInviteByCodeHash(this.pool, codeHash);
  }

  async listInvites(boardId: string): Promise<InviteRecord[]> {
    const { rows } = await this.pool.query<InviteRow>(
      `SELECT ${INVITE_COLUMNS} FROM invites WHERE board_id = $1 ORDER BY created_at, id`,
      [boardId],
    );
    return rows.map(toInvite);
  }

  /** Sets the revocation once (a later call keeps the first) and returns the invite as it now is. */
  async revokeInvite(
    boardId: string,
    inviteId: string,
    by: string,
    at: number,
  ): Promise<InviteRecord | null> {
    await this.pool.query(
      'UPDATE invites SET revoked_at = $1, revoked_by = $2 WHERE id = $3 AND board_id = $4 AND revoked_at IS NULL',
      [at, by, inviteId, boardId],
    );
    return findOne(
      this.pool,
      `SELECT ${INVITE_COLUMNS} FROM invites WHERE id = $1 AND board_id = $2`,
      [inviteId, boardId],
      toInvite,
    );
  }

  join(input: JoinInput): Promise<JoinResult> {
    return inTransaction(this.pool, (client) => joinWithInvite(client, input));
  }
}

/**
 * Uses an invite inside the join's transaction. The use is counted by a guarded increment (check and use in one statement, re-checked against the latest row
 * if another join got there first), so no two joins can overuse a code. The board row's lock makes joins of one
 * board take turns, so each participant gets its own number (and so its colour).
 */
async function joinWithInvite(client: PoolClient, input: JoinInput): Promise<JoinResult> {
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
    color: colorOfNumber(input.colors, counted.rows[0]?.n ?? 0),
    createdAt: input.now,
  });
  return { ok: true, boardId, participant, createdPartner };
}

async function insertParticipant(client: Queryable, p: NewParticipant): Promise<ParticipantRecord> {
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

function findInviteByCodeHash(client: Queryable, codeHash: string): Promise<InviteRecord | null> {
  return findOne(client, `SELECT ${INVITE_COLUMNS} FROM invites WHERE code_hash = $1`, [codeHash], toInvite);
}
