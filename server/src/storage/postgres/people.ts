import type { Role } from '@common-ground/shared/api';
import type { Pool, PoolClient } from 'pg';
import type { ParticipantRecord } from '../parts/accounts';
import type {
  NewDeviceLink,
  PeopleChange,
  PeopleStore,
  PersonRecord,
  RedeemDeviceLinkResult,
} from '../parts/people';
import {
  ACTIVE_FACILITATORS_BESIDES_QUERY,
  dollarPlaceholders,
  ERASABLE_QUERY,
  ERASE_NAME_QUERY,
  ERASE_QUERIES,
  FORGET_MAIL_QUERIES,
  NEXT_PSEUDONYM_QUERY,
  PARTICIPANT_BY_TOKEN_QUERY,
  PEOPLE_QUERY,
  type PersonRow,
  toPerson,
} from '../peopleRows';
import { PARTICIPANT_COLUMNS, type ParticipantRow, toParticipant } from '../rows';
import { findOne, inTransaction, type Queryable } from './db';

/** Every new participant's first device, inside the caller's transaction (board creation, join). */
export async function insertFirstToken(
  client: Queryable,
  participantId: string,
  tokenHash: string,
  at: number,
) {
  await client.query(
    'INSERT INTO participant_tokens (token_hash, participant_id, created_at) VALUES ($1, $2, $3)',
    [tokenHash, participantId, at],
  );
}

/**
 * Device tokens, roles, removal, one-time device links and visits: the people part of PostgresStorage. Changes that must
 * keep a facilitator lock the board row first, so two instances demoting the last two facilitators take turns and
 * the second sees the first's change.
 */
export class PostgresPeopleStore implements PeopleStore {
  constructor(private readonly pool: Pool) {}

  findParticipantByTokenHash(tokenHash: string): Promise<ParticipantRecord | null> {
    return findOne(this.pool, dollarPlaceholders(PARTICIPANT_BY_TOKEN_QUERY), [tokenHash], toParticipant);
  }

  async listPeople(boardId: string): Promise<PersonRecord[]> {
    const { rows } = await this.pool.query<PersonRow>(dollarPlaceholders(PEOPLE_QUERY), [boardId]);
    return rows.map(toPerson);
  }

  changeRole(boardId: string, participantId: string, role: Role): Promise<PeopleChange> {
    return inTransaction(this.pool, async (client): Promise<PeopleChange> => {
      const row = await lockedCurrent(client, boardId, participantId);
      if (!row) return { ok: false, reason: 'not_found' };
      if (role !== 'facilitator' && (await isLastFacilitator(client, row))) {
        return { ok: false, reason: 'last_facilitator' };
      }
      if (role === 'partner' && row.partner_id === null) return { ok: false, reason: 'needs_partner' };
      // Observers never belong to an organisation (DESIGN.md): becoming one leaves it.
      await client.query(
        `UPDATE participants SET role = $1, partner_id = CASE WHEN $1 = 'observer' THEN NULL ELSE partner_id END
         WHERE id = $2`,
        [role, participantId],
      );
      const updated = await lockedCurrent(client, boardId, participantId);
      return { ok: true, participant: updated ? toParticipant(updated) : { ...toParticipant(row), role } };
    });
  }

  removeParticipant(boardId: string, participantId: string, by: string, at: number): Promise<PeopleChange> {
    return inTransaction(this.pool, async (client): Promise<PeopleChange> => {
      const row = await lockedCurrent(client, boardId, participantId);
      if (!row) return { ok: false, reason: 'not_found' };
      if (await isLastFacilitator(client, row)) return { ok: false, reason: 'last_facilitator' };
      await client.query('UPDATE participants SET removed_at = $1, removed_by = $2 WHERE id = $3', [
        at,
        by,
        participantId,
      ]);
      await endAccess(client, participantId, at);
      // A removed person gets no more mail, and their address (personal data) goes with their access.
      for (const sql of FORGET_MAIL_QUERIES) await client.query(dollarPlaceholders(sql), [participantId]);
      return { ok: true, participant: toParticipant(row) };
    });
  }

  eraseParticipant(
    boardId: string,
    participantId: string,
    by: string | null,
    at: number,
    pseudonym: (n: number) => string,
  ): Promise<PeopleChange> {
    return inTransaction(this.pool, async (client): Promise<PeopleChange> => {
      // The board row's lock makes erasures of one board take turns: each gets its own pseudonym number.
      await client.query('SELECT 1 FROM boards WHERE id = $1 FOR NO KEY UPDATE', [boardId]);
      const found = await client.query<ParticipantRow & { removed_at: number | null }>(
        dollarPlaceholders(ERASABLE_QUERY),
        [participantId, boardId],
      );
      const row = found.rows[0];
      if (!row) return { ok: false, reason: 'not_found' };
      if (row.removed_at === null && (await isLastFacilitator(client, row))) {
        return { ok: false, reason: 'last_facilitator' };
      }
      const next = await client.query<{ n: number }>(dollarPlaceholders(NEXT_PSEUDONYM_QUERY), [boardId]);
      const n = Number(next.rows[0]?.n ?? 1);
      for (const sql of ERASE_QUERIES) await client.query(dollarPlaceholders(sql), [participantId]);
      await client.query(dollarPlaceholders(ERASE_NAME_QUERY), [pseudonym(n), n, at, at, by, participantId]);
      return { ok: true, participant: { ...toParticipant(row), name: pseudonym(n), erased: n } };
    });
  }

  leaveDevice(boardId: string, participantId: string, tokenHash: string): Promise<PeopleChange> {
    return inTransaction(this.pool, async (client): Promise<PeopleChange> => {
      const row = await lockedCurrent(client, boardId, participantId);
      if (!row) return { ok: false, reason: 'not_found' };
      const { rows } = await client.query<{ n: number }>(
        'SELECT count(*) AS n FROM participant_tokens WHERE participant_id = $1',
        [participantId],
      );
      const lastDevice = (rows[0]?.n ?? 0) <= 1;
      if (lastDevice && (await isLastFacilitator(client, row)))
        return { ok: false, reason: 'last_facilitator' };
      await client.query('DELETE FROM participant_tokens WHERE token_hash = $1 AND participant_id = $2', [
        tokenHash,
        participantId,
      ]);
      return { ok: true, participant: toParticipant(row) };
    });
  }

  createDeviceLink(link: NewDeviceLink): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      if (!(await lockedCurrent(client, link.boardId, link.participantId))) return false;
      if (link.kind === 'reentry') await endAccess(client, link.participantId, link.createdAt);
      await client.query(
        `INSERT INTO device_links (code_hash, board_id, participant_id, kind, expires_at, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          link.codeHash,
          link.boardId,
          link.participantId,
          link.kind,
          link.expiresAt,
          link.createdBy,
          link.createdAt,
        ],
      );
      return true;
    });
  }

  redeemDeviceLink(codeHash: string, tokenHash: string, now: number): Promise<RedeemDeviceLinkResult> {
    return inTransaction(this.pool, async (client): Promise<RedeemDeviceLinkResult> => {
      // FOR UPDATE: two devices opening the same link at once take turns, and the second finds it used.
      const { rows } = await client.query<{
        participant_id: string;
        expires_at: number;
        used_at: number | null;
      }>('SELECT participant_id, expires_at, used_at FROM device_links WHERE code_hash = $1 FOR UPDATE', [
        codeHash,
      ]);
      const link = rows[0];
      if (!link) return { ok: false, reason: 'not_found' };
      if (link.used_at !== null) return { ok: false, reason: 'used' };
      if (link.expires_at <= now) return { ok: false, reason: 'expired' };
      const participant = await findOne(
        client,
        `SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE id = $1 AND removed_at IS NULL`,
        [link.participant_id],
        toParticipant,
      );
      if (!participant) return { ok: false, reason: 'not_found' };
      await client.query('UPDATE device_links SET used_at = $1 WHERE code_hash = $2', [now, codeHash]);
      await insertFirstToken(client, link.participant_id, tokenHash, now);
      return { ok: true, participant };
    });
  }

  async recordVisit(participantId: string, at: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO participant_visits (participant_id, last_seen_at) VALUES ($1, $2)
       ON CONFLICT (participant_id) DO UPDATE SET last_seen_at = excluded.last_seen_at`,
      [participantId, at],
    );
  }

  async getLastVisit(participantId: string): Promise<number | null> {
    const { rows } = await this.pool.query<{ last_seen_at: number }>(
      'SELECT last_seen_at FROM participant_visits WHERE participant_id = $1',
      [participantId],
    );
    return rows[0]?.last_seen_at ?? null;
  }
}

/** The participant if on the board and not removed, with the board row locked for the rest of the transaction. */
async function lockedCurrent(
  client: PoolClient,
  boardId: string,
  participantId: string,
): Promise<ParticipantRow | null> {
  await client.query('SELECT 1 FROM boards WHERE id = $1 FOR NO KEY UPDATE', [boardId]);
  const { rows } = await client.query<ParticipantRow>(
    `SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE id = $1 AND board_id = $2 AND removed_at IS NULL`,
    [participantId, boardId],
  );
  return rows[0] ?? null;
}

/** Whether `row` is a facilitator and no other can still moderate the board (board row locked). */
async function isLastFacilitator(client: PoolClient, row: ParticipantRow): Promise<boolean> {
  if (row.role !== 'facilitator') return false;
  const { rows } = await client.query<{ n: number }>(dollarPlaceholders(ACTIVE_FACILITATORS_BESIDES_QUERY), [
    row.board_id,
    row.id,
  ]);
  return (rows[0]?.n ?? 0) === 0;
}

/** Every device token of the participant ends, and every unused link of theirs is spent. */
async function endAccess(client: PoolClient, participantId: string, at: number): Promise<void> {
  await client.query('DELETE FROM participant_tokens WHERE participant_id = $1', [participantId]);
  await client.query('UPDATE device_links SET used_at = $1 WHERE participant_id = $2 AND used_at IS NULL', [
    at,
    participantId,
  ]);
}
