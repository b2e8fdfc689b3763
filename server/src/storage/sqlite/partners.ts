import type Database from 'better-sqlite3';
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

/** The board's organisations, proposed and confirmed, and the confirmation of their members: a part of SqliteStorage. */
export class SqlitePartnerStore implements PartnerStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      insert: db.prepare<[string, string, string, string, number, number | null, string | null]>(
        `INSERT INTO partners (id, board_id, name, kind, created_at, confirmed_at, proposed_by)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      // Confirmed organisations only: a proposed one can be claimed by nobody but its proposer.
      confirmed: db.prepare<[string, string], PartnerRow>(
        `SELECT ${PARTNER_COLUMNS} FROM partners WHERE id = ? AND board_id = ? AND confirmed_at IS NOT NULL`,
      ),
      listConfirmed: db.prepare<[string], PartnerRow>(
        `SELECT ${PARTNER_COLUMNS} FROM partners WHERE board_id = ? AND confirmed_at IS NOT NULL
         ORDER BY created_at, id`,
      ),
      proposed: db.prepare<[string], ProposedPartnerRow>(
        `SELECT ${PARTNER_COLUMNS}, proposed_by FROM partners
         WHERE board_id = ? AND confirmed_at IS NULL AND declined_at IS NULL ORDER BY created_at, id`,
      ),
      state: db.prepare<[string, string], { confirmed_at: number | null; declined_at: number | null }>(
        'SELECT confirmed_at, declined_at FROM partners WHERE id = ? AND board_id = ?',
      ),
      confirm: db.prepare<[number, string]>(
        'UPDATE partners SET confirmed_at = ? WHERE id = ? AND confirmed_at IS NULL AND declined_at IS NULL',
      ),
      // Only the proposer, and only while they still claim it: confirming an organisation vouches for the one
      // person who proposed it, not for anyone else who claimed it meanwhile.
      confirmProposer: db.prepare<[number, string, string]>(
        `UPDATE participants SET confirmed_at = ?
         WHERE partner_id = ? AND confirmed_at IS NULL AND id = (SELECT proposed_by FROM partners WHERE id = ?)`,
      ),
      decline: db.prepare<[number, string]>(
        'UPDATE partners SET declined_at = ? WHERE id = ? AND confirmed_at IS NULL AND declined_at IS NULL',
      ),
      releaseClaims: db.prepare<[string]>(
        'UPDATE participants SET partner_id = NULL WHERE partner_id = ? AND confirmed_at IS NULL',
      ),
      member: db.prepare<[string, string, string], { confirmed_at: number | null }>(
        `SELECT pa.confirmed_at FROM participants pa JOIN partners p ON p.id = pa.partner_id
         WHERE pa.id = ? AND pa.board_id = ? AND pa.partner_id = ? AND p.confirmed_at IS NOT NULL`,
      ),
      confirmMember: db.prepare<[number, string]>(
        'UPDATE participants SET confirmed_at = ? WHERE id = ? AND confirmed_at IS NULL',
      ),
    };
  }

  async createPartner(partner: PartnerRecord): Promise<void> {
    this.insert(partner, partner.createdAt, null);
  }

  async listPartners(boardId: string): Promise<PartnerRecord[]> {
    return this.statements.listConfirmed.all(boardId).map(toPartner);
  }

  /** Stores an organisation, confirmed at `confirmedAt` or (null) proposed by `proposedBy` (a join does that). */
  insert(p: PartnerRecord, confirmedAt: number | null, proposedBy: string | null): void {
    this.statements.insert.run(p.id, p.boardId, p.name, p.kind, p.createdAt, confirmedAt, proposedBy);
  }

  /** Whether the board has this organisation, confirmed: the only kind a join can claim. */
  isConfirmed(partnerId: string, boardId: string): boolean {
    return this.statements.confirmed.get(partnerId, boardId) !== undefined;
  }

  async listProposedPartners(boardId: string): Promise<ProposedPartnerRecord[]> {
    return this.statements.proposed.all(boardId).map(toProposedPartner);
  }

  async confirmPartner(boardId: string, partnerId: string, at: number): Promise<ConfirmPartnerResult> {
    return this.db.transaction((): ConfirmPartnerResult => {
      const state = this.statements.state.get(partnerId, boardId);
      if (!state || state.declined_at !== null) return 'not_found';
      if (state.confirmed_at !== null) return 'already';
      this.statements.confirm.run(at, partnerId);
      this.statements.confirmProposer.run(at, partnerId, partnerId);
      return 'confirmed';
    })();
  }

  async declinePartner(boardId: string, partnerId: string, at: number): Promise<DeclinePartnerResult> {
    return this.db.transaction((): DeclinePartnerResult => {
      const state = this.statements.state.get(partnerId, boardId);
      if (!state || state.declined_at !== null) return 'not_found';
      if (state.confirmed_at !== null) return 'confirmed';
      this.statements.decline.run(at, partnerId);
      this.statements.releaseClaims.run(partnerId);
      return 'declined';
    })();
  }

  async confirmMember(
    boardId: string,
    partnerId: string,
    participantId: string,
    at: number,
  ): Promise<ConfirmMemberResult> {
    return this.db.transaction((): ConfirmMemberResult => {
      const member = this.statements.member.get(participantId, boardId, partnerId);
      if (!member) return 'not_found';
      if (member.confirmed_at !== null) return 'already';
      this.statements.confirmMember.run(at, participantId);
      return 'confirmed';
    })();
  }
}
