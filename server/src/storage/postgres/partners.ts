import type { Pool } from 'pg';
import type {
  ConfirmMemberResult,
  ConfirmPartnerResult,
  DeclinePartnerResult,
  PartnerRecord,
  PartnerStore,
  ProposedPartnerRecord,
} from '../parts/partners';
import {
  PARTNER_COLUMNS,
  type PartnerRow,
  type ProposedPartnerRow,
  toPartner,
  toProposedPartner,
} from '../rows';
import { inTransaction, type Queryable } from './db';

interface PartnerState {
  confirmed_at: number | null;
  declined_at: number | null;
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

/**
 * The board's organisations, proposed and confirmed, and the confirmation of their members: a part of
 * PostgresStorage. Each change
 * locks the organisation's row first, so a confirmation and a decline of one organisation (from two instances)
 * take turns and the second sees the first's outcome.
 */
export class PostgresPartnerStore implements PartnerStore {
  constructor(private readonly pool: Pool) {}

  async createPartner(partner: PartnerRecord): Promise<void> {
    await insertPartner(this.pool, partner, partner.createdAt, null);
  }

  async listPartners(boardId: string): Promise<PartnerRecord[]> {
    const { rows } = await this.pool.query<PartnerRow>(
      `SELECT ${PARTNER_COLUMNS} FROM partners WHERE board_id = $1 AND confirmed_at IS NOT NULL
       ORDER BY created_at, id`,
      [boardId],
    );
    return rows.map(toPartner);
  }

  async listProposedPartners(boardId: string): Promise<ProposedPartnerRecord[]> {
    const { rows } = await this.pool.query<ProposedPartnerRow>(
      `SELECT ${PARTNER_COLUMNS}, proposed_by FROM partners
       WHERE board_id = $1 AND confirmed_at IS NULL AND declined_at IS NULL ORDER BY created_at, id`,
      [boardId],
    );
    return rows.map(toProposedPartner);
  }

  confirmPartner(boardId: string, partnerId: string, at: number): Promise<ConfirmPartnerResult> {
    return inTransaction(this.pool, async (client): Promise<ConfirmPartnerResult> => {
      const { rows } = await client.query<PartnerState & { proposed_by: string | null }>(
        'SELECT confirmed_at, declined_at, proposed_by FROM partners WHERE id = $1 AND board_id = $2 FOR UPDATE',
        [partnerId, boardId],
      );
      const state = rows[0];
      if (!state || state.declined_at !== null) return 'not_found';
      if (state.confirmed_at !== null) return 'already';
      await client.query('UPDATE partners SET confirmed_at = $1 WHERE id = $2', [at, partnerId]);
      // Only the proposer, and only while they still claim it (see the SQLite store).
      await client.query(
        'UPDATE participants SET confirmed_at = $1 WHERE id = $2 AND partner_id = $3 AND confirmed_at IS NULL',
        [at, state.proposed_by, partnerId],
      );
      return 'confirmed';
    });
  }

  declinePartner(boardId: string, partnerId: string, at: number): Promise<DeclinePartnerResult> {
    return inTransaction(this.pool, async (client): Promise<DeclinePartnerResult> => {
      const { rows } = await client.query<PartnerState>(
        'SELECT confirmed_at, declined_at FROM partners WHERE id = $1 AND board_id = $2 FOR UPDATE',
        [partnerId, boardId],
      );
      const state = rows[0];
      if (!state || state.declined_at !== null) return 'not_found';
      if (state.confirmed_at !== null) return 'confirmed';
      await client.query('UPDATE partners SET declined_at = $1 WHERE id = $2', [at, partnerId]);
      await client.query(
        'UPDATE participants SET partner_id = NULL WHERE partner_id = $1 AND confirmed_at IS NULL',
        [partnerId],
      );
      return 'declined';
    });
  }

  confirmMember(
    boardId: string,
    partnerId: string,
    participantId: string,
    at: number,
  ): Promise<ConfirmMemberResult> {
    return inTransaction(this.pool, async (client): Promise<ConfirmMemberResult> => {
      const { rows } = await client.query<{ confirmed_at: number | null }>(
        `SELECT pa.confirmed_at FROM participants pa JOIN partners p ON p.id = pa.partner_id
         WHERE pa.id = $1 AND pa.board_id = $2 AND pa.partner_id = $3 AND p.confirmed_at IS NOT NULL
         FOR UPDATE OF pa`,
        [participantId, boardId, partnerId],
      );
      const member = rows[0];
      if (!member) return 'not_found';
      if (member.confirmed_at !== null) return 'already';
      await client.query('UPDATE participants SET confirmed_at = $1 WHERE id = $2', [at, participantId]);
      return 'confirmed';
    });
  }
}
