import type Database from 'better-sqlite3';
import { PARTNER_COLUMNS, type ProposedPartnerRow, toProposedPartner } from '../rows';
import type {
  ConfirmMemberResult,
  ConfirmPartnerResult,
  DeclinePartnerResult,
  ProposedPartnerRecord,
} from '../types';

/** Proposed organisations and claimed memberships, and their confirmation: a part of SqliteStorage. */
export class SqlitePartnerStore {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    this.s = {
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

  listProposed(boardId: string): ProposedPartnerRecord[] {
    return this.s.proposed.all(boardId).map(toProposedPartner);
  }

  confirmPartner(boardId: string, partnerId: string, at: number): ConfirmPartnerResult {
    return this.db.transaction((): ConfirmPartnerResult => {
      const state = this.s.state.get(partnerId, boardId);
      if (!state || state.declined_at !== null) return 'not_found';
      if (state.confirmed_at !== null) return 'already';
      this.s.confirm.run(at, partnerId);
      this.s.confirmProposer.run(at, partnerId, partnerId);
      return 'confirmed';
    })();
  }

  declinePartner(boardId: string, partnerId: string, at: number): DeclinePartnerResult {
    return this.db.transaction((): DeclinePartnerResult => {
      const state = this.s.state.get(partnerId, boardId);
      if (!state || state.declined_at !== null) return 'not_found';
      if (state.confirmed_at !== null) return 'confirmed';
      this.s.decline.run(at, partnerId);
      this.s.releaseClaims.run(partnerId);
      return 'declined';
    })();
  }

  confirmMember(boardId: string, partnerId: string, participantId: string, at: number): ConfirmMemberResult {
    return this.db.transaction((): ConfirmMemberResult => {
      const member = this.s.member.get(participantId, boardId, partnerId);
      if (!member) return 'not_found';
      if (member.confirmed_at !== null) return 'already';
      this.s.confirmMember.run(at, participantId);
      return 'confirmed';
    })();
  }
}
