import type Database from 'better-sqlite3';
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
  type BoardRow,
  INVITE_COLUMNS,
  INVITE_INSERT_COLUMNS,
  type InviteRow,
  type InviteValues,
  inviteValues,
  PARTICIPANT_COLUMNS,
  type ParticipantRow,
  participantMembership,
  toBoard,
  toInvite,
  toParticipant,
} from '../rows';
import type { SqliteDocumentLog } from './documents';
import type { SqlitePartnerStore } from './partners';
import type { SqlitePeopleStore } from './people';

/**
 * Boards, participants, invites and joining: the accounts part of SqliteStorage. Board creation and joining write
 * rows of other parts (the first log entries, partners, device tokens) in their one transaction, through the
 * synchronous methods those parts keep for it.
 */
export class SqliteAccountStore implements AccountStore {
  private readonly statements;

  constructor(
    private readonly db: Database.Database,
    private readonly parts: {
      readonly log: SqliteDocumentLog;
      readonly partners: SqlitePartnerStore;
      readonly people: SqlitePeopleStore;
    },
  ) {
    this.statements = {
      insertBoard: db.prepare<[string, string, number]>(
        'INSERT INTO boards (id, title, created_at) VALUES (?, ?, ?)',
      ),
      board: db.prepare<[string], BoardRow>('SELECT id, title, created_at FROM boards WHERE id = ?'),
      insertParticipant: db.prepare<
        [string, string, string | null, string, string, string, string, number, number | null]
      >(
        `INSERT INTO participants (id, board_id, partner_id, name, role, color, token_hash, created_at, confirmed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      participants: db.prepare<[string], ParticipantRow>(
        `SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE board_id = ? ORDER BY created_at, id`,
      ),
      countParticipants: db.prepare<[string], { n: number }>(
        'SELECT COUNT(*) AS n FROM participants WHERE board_id = ?',
      ),
      insertInvite: db.prepare<InviteValues>(
        `INSERT INTO invites (${INVITE_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      inviteByHash: db.prepare<[string], InviteRow>(
        `SELECT ${INVITE_COLUMNS} FROM invites WHERE code_hash = ?`,
      ),
      invite: db.prepare<[string, string], InviteRow>(
        `SELECT ${INVITE_COLUMNS} FROM invites WHERE id = ? AND board_id = ?`,
      ),
      invites: db.prepare<[string], InviteRow>(
        `SELECT ${INVITE_COLUMNS} FROM invites WHERE board_id = ? ORDER BY created_at, id`,
      ),
      revokeInvite: db.prepare<[number, string, string, string]>(
        'UPDATE invites SET revoked_at = ?, revoked_by = ? WHERE id = ? AND board_id = ? AND revoked_at IS NULL',
      ),
      // Guarded increment: the check and the use are one statement, so no two joins can overuse a code.
      useInvite: db.prepare<[string, number]>(
        `UPDATE invites SET uses = uses + 1
         WHERE id = ? AND revoked_at IS NULL AND expires_at > ? AND (max_uses IS NULL OR uses < max_uses)`,
      ),
      privacyNote: db.prepare<[string], PrivacyNoteRow>(
        'SELECT text, updated_by, updated_at FROM board_privacy_notes WHERE board_id = ?',
      ),
      upsertPrivacyNote: db.prepare<[string, string, string, number]>(
        `INSERT INTO board_privacy_notes (board_id, text, updated_by, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (board_id) DO UPDATE
           SET text = excluded.text, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      ),
      deletePrivacyNote: db.prepare<[string]>('DELETE FROM board_privacy_notes WHERE board_id = ?'),
    };
  }

  async getPrivacyNote(boardId: string): Promise<PrivacyNoteRecord | null> {
    const row = this.statements.privacyNote.get(boardId);
    return row ? { text: row.text, updatedBy: row.updated_by, updatedAt: row.updated_at } : null;
  }

  async setPrivacyNote(boardId: string, note: PrivacyNoteRecord): Promise<void> {
    if (note.text === '') this.statements.deletePrivacyNote.run(boardId);
    else this.statements.upsertPrivacyNote.run(boardId, note.text, note.updatedBy, note.updatedAt);
  }

  async createBoard({ board, facilitator, initialUpdates }: NewBoard): Promise<void> {
    this.transaction(() => {
      this.statements.insertBoard.run(board.id, board.title, board.createdAt);
      this.insertParticipant(facilitator);
      for (const { docKey, update } of initialUpdates) {
        this.parts.log.append(docKey, { participantId: null, update, at: board.createdAt });
      }
    });
  }

  async getBoard(boardId: string): Promise<BoardRecord | null> {
    const row = this.statements.board.get(boardId);
    return row ? toBoard(row) : null;
  }

  async createParticipant(p: NewParticipant): Promise<ParticipantRecord> {
    return this.insertParticipant(p);
  }

  async listParticipants(boardId: string): Promise<ParticipantRecord[]> {
    return this.statements.participants.all(boardId).map(toParticipant);
  }

  async createInvite(i: NewInvite): Promise<void> {
    this.statements.insertInvite.run(...inviteValues(i));
  }

  async findInviteByCodeHash(codeHash: string): Promise<InviteRecord | null> {
    return this.inviteByHash(codeHash);
  }

  async listInvites(boardId: string): Promise<InviteRecord[]> {
    return this.statements.invites.all(boardId).map(toInvite);
  }

  async revokeInvite(
    boardId: string,
    inviteId: string,
    by: string,
    at: number,
  ): Promise<InviteRecord | null> {
    return this.transaction(() => {
      this.statements.revokeInvite.run(at, by, inviteId, boardId);
      const row = this.statements.invite.get(inviteId, boardId);
      return row ? toInvite(row) : null;
    });
  }

  async join(input: JoinInput): Promise<JoinResult> {
    const fail = (reason: JoinFailure): JoinResult => ({ ok: false, reason });
    return this.transaction((): JoinResult => {
      const invite = this.inviteByHash(input.codeHash);
      if (!invite) return fail('invite_not_found');
      const boardId = invite.boardId;
      const membership = joinMembership(invite, input.partner);
      if (membership.type === 'refused') return fail(membership.reason);
      if (membership.type === 'claim' && !this.parts.partners.isConfirmed(membership.partnerId, boardId)) {
        return fail('partner_not_found');
      }
      if (this.statements.useInvite.run(invite.id, input.now).changes !== 1) {
        return fail(refusalOf(invite, input.now));
      }
      let createdPartner: ProposedPartnerRecord | null = null;
      if (membership.type === 'propose' && input.partner.type === 'new') {
        createdPartner = {
          ...input.partner.partner,
          boardId,
          createdAt: input.now,
          proposedBy: input.participant.id,
        };
        this.parts.partners.insert(createdPartner, null, createdPartner.proposedBy);
      }
      const number = this.statements.countParticipants.get(boardId)?.n ?? 0;
      const participant = this.insertParticipant({
        ...input.participant,
        boardId,
        partnerId: membership.type === 'confirmed' ? membership.partnerId : null,
        pendingPartnerId: membership.type === 'claim' ? membership.partnerId : (createdPartner?.id ?? null),
        role: invite.role,
        color: colorOfNumber(input.colors, number),
        createdAt: input.now,
      });
      return { ok: true, boardId, participant, createdPartner };
    });
  }

  private inviteByHash(codeHash: string): InviteRecord | null {
    const row = this.statements.inviteByHash.get(codeHash);
    return row ? toInvite(row) : null;
  }

  private insertParticipant(p: NewParticipant): ParticipantRecord {
    const membership = participantMembership(p);
    this.statements.insertParticipant.run(
      p.id,
      p.boardId,
      membership.partnerId,
      p.name,
      p.role,
      p.color,
      p.tokenHash,
      p.createdAt,
      membership.confirmedAt,
    );
    this.parts.people.addFirstToken(p.id, p.tokenHash, p.createdAt);
    const { tokenHash: _secret, ...record } = p;
    return record;
  }

  /** Runs `fn` atomically (synchronous: better-sqlite3 cannot hold a transaction across an await). */
  private transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}

interface PrivacyNoteRow {
  readonly text: string;
  readonly updated_by: string;
  readonly updated_at: number;
}
