import type { Role } from '@common-ground/shared';
import type Database from 'better-sqlite3';
import {
  ACTIVE_FACILITATORS_BESIDES_QUERY,
  PARTICIPANT_BY_TOKEN_QUERY,
  PEOPLE_QUERY,
  type PersonRow,
  toPerson,
} from '../peopleRows';
import { PARTICIPANT_COLUMNS, type ParticipantRow, toParticipant } from '../rows';
import type {
  NewDeviceLink,
  ParticipantRecord,
  PeopleChange,
  PersonRecord,
  RedeemDeviceLinkResult,
} from '../types';

interface LinkRow {
  participant_id: string;
  expires_at: number;
  used_at: number | null;
}

/** Device tokens, roles, removal and one-time device links: the people part of SqliteStorage. */
export class SqlitePeopleStore {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    this.s = {
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
    };
  }

  /** Every new participant's first device (board creation and join call it inside their transaction). */
  addFirstToken(participantId: string, tokenHash: string, at: number): void {
    this.s.insertToken.run(tokenHash, participantId, at);
  }

  findByToken(tokenHash: string): ParticipantRecord | null {
    const row = this.s.byToken.get(tokenHash);
    return row ? toParticipant(row) : null;
  }

  listPeople(boardId: string): PersonRecord[] {
    return this.s.people.all(boardId).map(toPerson);
  }

  changeRole(boardId: string, participantId: string, role: Role): PeopleChange {
    return this.db.transaction((): PeopleChange => {
      const row = this.s.current.get(participantId, boardId);
      if (!row) return { ok: false, reason: 'not_found' };
      if (this.isLastFacilitator(row) && role !== 'facilitator')
        return { ok: false, reason: 'last_facilitator' };
      if (role === 'partner' && row.partner_id === null) return { ok: false, reason: 'needs_partner' };
      this.s.setRole.run(role, participantId);
      // Observers never belong to an organisation (DESIGN.md): becoming one leaves it.
      if (role === 'observer') this.s.leaveOrganisation.run(participantId);
      const updated = this.s.current.get(participantId, boardId);
      return { ok: true, participant: updated ? toParticipant(updated) : { ...toParticipant(row), role } };
    })();
  }

  removeParticipant(boardId: string, participantId: string, by: string, at: number): PeopleChange {
    return this.db.transaction((): PeopleChange => {
      const row = this.s.current.get(participantId, boardId);
      if (!row) return { ok: false, reason: 'not_found' };
      if (this.isLastFacilitator(row)) return { ok: false, reason: 'last_facilitator' };
      this.s.remove.run(at, by, participantId);
      this.s.dropTokens.run(participantId);
      this.s.endLinks.run(at, participantId);
      return { ok: true, participant: toParticipant(row) };
    })();
  }

  createDeviceLink(link: NewDeviceLink): boolean {
    return this.db.transaction((): boolean => {
      if (!this.s.current.get(link.participantId, link.boardId)) return false;
      if (link.kind === 'reentry') {
        this.s.dropTokens.run(link.participantId);
        this.s.endLinks.run(link.createdAt, link.participantId);
      }
      this.s.insertLink.run(
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

  redeemDeviceLink(codeHash: string, tokenHash: string, now: number): RedeemDeviceLinkResult {
    return this.db.transaction((): RedeemDeviceLinkResult => {
      const link = this.s.link.get(codeHash);
      if (!link) return { ok: false, reason: 'not_found' };
      if (link.used_at !== null) return { ok: false, reason: 'used' };
      if (link.expires_at <= now) return { ok: false, reason: 'expired' };
      const row = this.s.participant.get(link.participant_id);
      if (!row) return { ok: false, reason: 'not_found' };
      this.s.useLink.run(now, codeHash);
      this.s.insertToken.run(tokenHash, link.participant_id, now);
      return { ok: true, participant: toParticipant(row) };
    })();
  }

  leaveDevice(boardId: string, participantId: string, tokenHash: string): PeopleChange {
    return this.db.transaction((): PeopleChange => {
      const row = this.s.current.get(participantId, boardId);
      if (!row) return { ok: false, reason: 'not_found' };
      const lastDevice = (this.s.devices.get(participantId)?.n ?? 0) <= 1;
      if (lastDevice && this.isLastFacilitator(row)) return { ok: false, reason: 'last_facilitator' };
      this.s.dropToken.run(tokenHash, participantId);
      return { ok: true, participant: toParticipant(row) };
    })();
  }

  /** Inside a transaction: whether `row` is a facilitator and no other can still moderate the board. */
  private isLastFacilitator(row: ParticipantRow): boolean {
    return row.role === 'facilitator' && (this.s.otherFacilitators.get(row.board_id, row.id)?.n ?? 0) === 0;
  }
}
