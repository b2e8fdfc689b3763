import type { Role } from '@common-ground/shared/api';
import type Database from 'better-sqlite3';
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

interface LinkRow {
  participant_id: string;
  expires_at: number;
  used_at: number | null;
}

/** Device tokens, roles, removal, one-time device links and visits: the people part of SqliteStorage. */
export class SqlitePeopleStore implements PeopleStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      people: db.prepare<[string], PersonRow>(PEOPLE_QUERY),
      byToken: db.prepare<[string], ParticipantRow>(PARTICIPANT_BY_TOKEN_QUERY),
      current: db.prepare<[string, string], ParticipantRow>(
        `SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE id = ? AND board_id = ? AND removed_at IS NULL`,
      ),
      otherFacilitators: db.prepare<[string, string], { n: number }>(ACTIVE_FACILITATORS_BESIDES_QUERY),
      devices: db.prepare<[string], { n: number }>(
        'SELECT count(*) AS n FROM participant_tokens WHERE participant_id = ?',
      ),
      dropToken: db.prepare<[string, string]>(
        'DELETE FROM participant_tokens WHERE token_hash = ? AND participant_id = ?',
      ),
      setRole: db.prepare<[string, string]>('UPDATE participants SET role = ? WHERE id = ?'),
      leaveOrganisation: db.prepare<[string]>('UPDATE participants SET partner_id = NULL WHERE id = ?'),
      remove: db.prepare<[number, string, string]>(
        'UPDATE participants SET removed_at = ?, removed_by = ? WHERE id = ? AND removed_at IS NULL',
      ),
      insertToken: db.prepare<[string, string, number]>(
        'INSERT INTO participant_tokens (token_hash, participant_id, created_at) VALUES (?, ?, ?)',
      ),
      dropTokens: db.prepare<[string]>('DELETE FROM participant_tokens WHERE participant_id = ?'),
      // An unused link is spent at `at`: it can never be used afterwards, and the row says when it ended.
      endLinks: db.prepare<[number, string]>(
        'UPDATE device_links SET used_at = ? WHERE participant_id = ? AND used_at IS NULL',
      ),
      forgetMail: FORGET_MAIL_QUERIES.map((sql) => db.prepare<[string]>(sql)),
      erasable: db.prepare<[string, string], ParticipantRow & { removed_at: number | null }>(ERASABLE_QUERY),
      nextPseudonym: db.prepare<[string], { n: number }>(NEXT_PSEUDONYM_QUERY),
      erase: ERASE_QUERIES.map((sql) => db.prepare<[string]>(sql)),
      eraseName: db.prepare<[string, number, number, number, string | null, string]>(ERASE_NAME_QUERY),
      insertLink: db.prepare<[string, string, string, string, number, string | null, number]>(
        `INSERT INTO device_links (code_hash, board_id, participant_id, kind, expires_at, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      link: db.prepare<[string], LinkRow>(
        'SELECT participant_id, expires_at, used_at FROM device_links WHERE code_hash = ?',
      ),
      useLink: db.prepare<[number, string]>(
        'UPDATE device_links SET used_at = ? WHERE code_hash = ? AND used_at IS NULL',
      ),
      participant: db.prepare<[string], ParticipantRow>(
        `SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE id = ? AND removed_at IS NULL`,
      ),
      recordVisit: db.prepare<[string, number]>(
        `INSERT INTO participant_visits (participant_id, last_seen_at) VALUES (?, ?)
         ON CONFLICT (participant_id) DO UPDATE SET last_seen_at = excluded.last_seen_at`,
      ),
      visit: db.prepare<[string], { last_seen_at: number }>(
        'SELECT last_seen_at FROM participant_visits WHERE participant_id = ?',
      ),
    };
  }

  /** Every new participant's first device (board creation and join call it inside their transaction). */
  addFirstToken(participantId: string, tokenHash: string, at: number): void {
    this.statements.insertToken.run(tokenHash, participantId, at);
  }

  async findParticipantByTokenHash(tokenHash: string): Promise<ParticipantRecord | null> {
    const row = this.statements.byToken.get(tokenHash);
    return row ? toParticipant(row) : null;
  }

  async listPeople(boardId: string): Promise<PersonRecord[]> {
    return this.statements.people.all(boardId).map(toPerson);
  }

  async changeRole(boardId: string, participantId: string, role: Role): Promise<PeopleChange> {
    return this.db.transaction((): PeopleChange => {
      const row = this.statements.current.get(participantId, boardId);
      if (!row) return { ok: false, reason: 'not_found' };
      if (this.isLastFacilitator(row) && role !== 'facilitator')
        return { ok: false, reason: 'last_facilitator' };
      if (role === 'partner' && row.partner_id === null) return { ok: false, reason: 'needs_partner' };
      this.statements.setRole.run(role, participantId);
      // Observers never belong to an organisation (DESIGN.md): becoming one leaves it.
      if (role === 'observer') this.statements.leaveOrganisation.run(participantId);
      const updated = this.statements.current.get(participantId, boardId);
      return { ok: true, participant: updated ? toParticipant(updated) : { ...toParticipant(row), role } };
    })();
  }

  async removeParticipant(
    boardId: string,
    participantId: string,
    by: string,
    at: number,
  ): Promise<PeopleChange> {
    return this.db.transaction((): PeopleChange => {
      const row = this.statements.current.get(participantId, boardId);
      if (!row) return { ok: false, reason: 'not_found' };
      if (this.isLastFacilitator(row)) return { ok: false, reason: 'last_facilitator' };
      this.statements.remove.run(at, by, participantId);
      this.statements.dropTokens.run(participantId);
      this.statements.endLinks.run(at, participantId);
      // A removed person gets no more mail, and their address (personal data) goes with their access.
      for (const statement of this.statements.forgetMail) statement.run(participantId);
      return { ok: true, participant: toParticipant(row) };
    })();
  }

  async eraseParticipant(
    boardId: string,
    participantId: string,
    by: string | null,
    at: number,
    pseudonym: (n: number) => string,
  ): Promise<PeopleChange> {
    return this.db.transaction((): PeopleChange => {
      const row = this.statements.erasable.get(participantId, boardId);
      if (!row) return { ok: false, reason: 'not_found' };
      if (row.removed_at === null && this.isLastFacilitator(row))
        return { ok: false, reason: 'last_facilitator' };
      const n = this.statements.nextPseudonym.get(boardId)?.n ?? 1;
      for (const statement of this.statements.erase) statement.run(participantId);
      this.statements.eraseName.run(pseudonym(n), n, at, at, by, participantId);
      return { ok: true, participant: { ...toParticipant(row), name: pseudonym(n), erased: n } };
    })();
  }

  async createDeviceLink(link: NewDeviceLink): Promise<boolean> {
    return this.db.transaction((): boolean => {
      if (!this.statements.current.get(link.participantId, link.boardId)) return false;
      if (link.kind === 'reentry') {
        this.statements.dropTokens.run(link.participantId);
        this.statements.endLinks.run(link.createdAt, link.participantId);
      }
      this.statements.insertLink.run(
        link.codeHash,
        link.boardId,
        link.participantId,
        link.kind,
        link.expiresAt,
        link.createdBy,
        link.createdAt,
      );
      return true;
    })();
  }

  async redeemDeviceLink(codeHash: string, tokenHash: string, now: number): Promise<RedeemDeviceLinkResult> {
    return this.db.transaction((): RedeemDeviceLinkResult => {
      const link = this.statements.link.get(codeHash);
      if (!link) return { ok: false, reason: 'not_found' };
      if (link.used_at !== null) return { ok: false, reason: 'used' };
      if (link.expires_at <= now) return { ok: false, reason: 'expired' };
      const row = this.statements.participant.get(link.participant_id);
      if (!row) return { ok: false, reason: 'not_found' };
      this.statements.useLink.run(now, codeHash);
      this.statements.insertToken.run(tokenHash, link.participant_id, now);
      return { ok: true, participant: toParticipant(row) };
    })();
  }

  async leaveDevice(boardId: string, participantId: string, tokenHash: string): Promise<PeopleChange> {
    return this.db.transaction((): PeopleChange => {
      const row = this.statements.current.get(participantId, boardId);
      if (!row) return { ok: false, reason: 'not_found' };
      const lastDevice = (this.statements.devices.get(participantId)?.n ?? 0) <= 1;
      if (lastDevice && this.isLastFacilitator(row)) return { ok: false, reason: 'last_facilitator' };
      this.statements.dropToken.run(tokenHash, participantId);
      return { ok: true, participant: toParticipant(row) };
    })();
  }

  async recordVisit(participantId: string, at: number): Promise<void> {
    this.statements.recordVisit.run(participantId, at);
  }

  async getLastVisit(participantId: string): Promise<number | null> {
    return this.statements.visit.get(participantId)?.last_seen_at ?? null;
  }

  /** Inside a transaction: whether `row` is a facilitator and no other can still moderate the board. */
  private isLastFacilitator(row: ParticipantRow): boolean {
    return (
      row.role === 'facilitator' &&
      (this.statements.otherFacilitators.get(row.board_id, row.id)?.n ?? 0) === 0
    );
  }
}
