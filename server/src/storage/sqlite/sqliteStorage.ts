import fs from 'node:fs';
import path from 'node:path';
import type { DecisionRule, PartnerKind, PartnerProfile, Role } from '@common-ground/shared';
import Database from 'better-sqlite3';
import {
  type BoardRecord,
  type InviteRecord,
  inviteState,
  type JoinFailure,
  type JoinInput,
  type JoinResult,
  type LoadedDocument,
  type NewParticipant,
  type NewStance,
  type ParticipantRecord,
  type PartnerRecord,
  type RelationRecord,
  type RoundClosureRecord,
  type RoundRecord,
  type StanceRecord,
  type Storage,
  type StoredRound,
  type StoredUpdate,
} from '../types';
import { startCheckpointer } from './checkpointer';
import { migrate } from './migrations';
import { SqliteNetworkStore } from './network';
import { SqliteRoundStore } from './rounds';

interface BoardRow {
  id: string;
  title: string;
  created_at: number;
}
interface PartnerRow {
  id: string;
  board_id: string;
  name: string;
  kind: string;
  created_at: number;
}
interface ParticipantRow {
  id: string;
  board_id: string;
  partner_id: string | null;
  name: string;
  role: string;
  color: string;
  created_at: number;
}
interface InviteRow {
  code: string;
  board_id: string;
  role: string;
  max_uses: number | null;
  uses: number;
  expires_at: number;
  created_by: string | null;
  created_at: number;
}
interface UpdateRow {
  seq: number;
  participant_id: string | null;
  data: Buffer;
  at: number;
}
interface SnapshotRow {
  seq: number;
  state: Buffer;
}

// Rows only ever come from our own inserts, whose values were validated at the API boundary.
const toBoard = (r: BoardRow): BoardRecord => ({ id: r.id, title: r.title, createdAt: r.created_at });
const toPartner = (r: PartnerRow): PartnerRecord => ({
  id: r.id,
  boardId: r.board_id,
  name: r.name,
  kind: r.kind as PartnerKind,
  createdAt: r.created_at,
});
const toParticipant = (r: ParticipantRow): ParticipantRecord => ({
  id: r.id,
  boardId: r.board_id,
  partnerId: r.partner_id,
  name: r.name,
  role: r.role as Role,
  color: r.color,
  createdAt: r.created_at,
});
const toInvite = (r: InviteRow): InviteRecord => ({
  code: r.code,
  boardId: r.board_id,
  role: r.role as Role,
  maxUses: r.max_uses,
  uses: r.uses,
  expiresAt: r.expires_at,
  createdBy: r.created_by,
  createdAt: r.created_at,
});
/** better-sqlite3 binds Buffers; this view shares the Uint8Array's memory. */
const toBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const PARTICIPANT_COLUMNS = 'id, board_id, partner_id, name, role, color, created_at';

export function openSqliteStorage(dataDir: string, onBackgroundError?: (error: unknown) => void): Storage {
  fs.mkdirSync(dataDir, { recursive: true });
  return new SqliteStorage(new Database(path.join(dataDir, 'common-ground.sqlite')), onBackgroundError);
}

export class SqliteStorage implements Storage {
  private readonly s;
  private readonly rounds: SqliteRoundStore;
  private readonly network: SqliteNetworkStore;
  private readonly stopCheckpoints: () => void;

  constructor(
    private readonly db: Database.Database,
    onBackgroundError: (error: unknown) => void = () => {},
  ) {
    // WAL + synchronous=NORMAL: a commit is in the WAL file (OS page cache) before appendUpdate returns, so it
    // survives kill -9 of this process; only a power loss or OS crash can drop the last commits. FULL would fsync
    // every commit and cost ~10x the write latency for that case.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    // An in-memory database has no WAL to checkpoint.
    this.stopCheckpoints = db.memory ? () => {} : startCheckpointer(db, onBackgroundError);
    this.rounds = new SqliteRoundStore(db);
    this.network = new SqliteNetworkStore(db);
    this.s = {
      insertBoard: db.prepare<[string, string, number]>(
        'INSERT INTO boards (id, title, created_at) VALUES (?, ?, ?)',
      ),
      board: db.prepare<[string], BoardRow>('SELECT id, title, created_at FROM boards WHERE id = ?'),
      insertPartner: db.prepare<[string, string, string, string, number]>(
        'INSERT INTO partners (id, board_id, name, kind, created_at) VALUES (?, ?, ?, ?, ?)',
      ),
      partner: db.prepare<[string, string], PartnerRow>(
        'SELECT id, board_id, name, kind, created_at FROM partners WHERE id = ? AND board_id = ?',
      ),
      partners: db.prepare<[string], PartnerRow>(
        'SELECT id, board_id, name, kind, created_at FROM partners WHERE board_id = ? ORDER BY created_at, id',
      ),
      insertParticipant: db.prepare<[string, string, string | null, string, string, string, string, number]>(
        `INSERT INTO participants (id, board_id, partner_id, name, role, color, token_hash, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      participantByToken: db.prepare<[string], ParticipantRow>(
        `SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE token_hash = ?`,
      ),
      participants: db.prepare<[string], ParticipantRow>(
        `SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE board_id = ? ORDER BY created_at, id`,
      ),
      countParticipants: db.prepare<[string], { n: number }>(
        'SELECT COUNT(*) AS n FROM participants WHERE board_id = ?',
      ),
      insertInvite: db.prepare<
        [string, string, string, number | null, number, number, string | null, number]
      >(
        `INSERT INTO invites (code, board_id, role, max_uses, uses, expires_at, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      invite: db.prepare<[string], InviteRow>(
        'SELECT code, board_id, role, max_uses, uses, expires_at, created_by, created_at FROM invites WHERE code = ?',
      ),
      // Guarded increment: the check and the use are one statement, so no two joins can overuse a code.
      useInvite: db.prepare<[string, number]>(
        `UPDATE invites SET uses = uses + 1
         WHERE code = ? AND expires_at > ? AND (max_uses IS NULL OR uses < max_uses)`,
      ),
      appendUpdate: db.prepare<[string, string | null, Buffer, number]>(
        'INSERT INTO doc_updates (doc_key, participant_id, data, at) VALUES (?, ?, ?, ?)',
      ),
      snapshot: db.prepare<[string], SnapshotRow>('SELECT seq, state FROM doc_snapshots WHERE doc_key = ?'),
      updatesAfter: db.prepare<[string, number], UpdateRow>(
        'SELECT seq, participant_id, data, at FROM doc_updates WHERE doc_key = ? AND seq > ? ORDER BY seq',
      ),
      saveSnapshot: db.prepare<[string, number, Buffer, number]>(
        `INSERT INTO doc_snapshots (doc_key, seq, state, at) VALUES (?, ?, ?, ?)
         ON CONFLICT (doc_key) DO UPDATE SET seq = excluded.seq, state = excluded.state, at = excluded.at
         WHERE excluded.seq >= doc_snapshots.seq`,
      ),
      updatesBetween: db.prepare<[string, number, number], UpdateRow>(
        'SELECT seq, participant_id, data, at FROM doc_updates WHERE doc_key = ? AND seq > ? AND at <= ? ORDER BY seq',
      ),
      countUpdates: db.prepare<[string], { n: number }>(
        'SELECT COUNT(*) AS n FROM doc_updates WHERE doc_key = ?',
      ),
    };
  }

  createBoard(board: BoardRecord): void {
    this.s.insertBoard.run(board.id, board.title, board.createdAt);
  }

  getBoard(boardId: string): BoardRecord | null {
    const row = this.s.board.get(boardId);
    return row ? toBoard(row) : null;
  }

  createPartner(p: PartnerRecord): void {
    this.s.insertPartner.run(p.id, p.boardId, p.name, p.kind, p.createdAt);
  }

  listPartners(boardId: string): PartnerRecord[] {
    return this.s.partners.all(boardId).map(toPartner);
  }

  createParticipant(p: NewParticipant): ParticipantRecord {
    this.s.insertParticipant.run(
      p.id,
      p.boardId,
      p.partnerId,
      p.name,
      p.role,
      p.color,
      p.tokenHash,
      p.createdAt,
    );
    const { tokenHash: _secret, ...record } = p;
    return record;
  }

  findParticipantByTokenHash(tokenHash: string): ParticipantRecord | null {
    const row = this.s.participantByToken.get(tokenHash);
    return row ? toParticipant(row) : null;
  }

  listParticipants(boardId: string): ParticipantRecord[] {
    return this.s.participants.all(boardId).map(toParticipant);
  }

  createInvite(i: InviteRecord): void {
    this.s.insertInvite.run(
      i.code,
      i.boardId,
      i.role,
      i.maxUses,
      i.uses,
      i.expiresAt,
      i.createdBy,
      i.createdAt,
    );
  }

  findInvite(code: string): InviteRecord | null {
    const row = this.s.invite.get(code);
    return row ? toInvite(row) : null;
  }

  join(input: JoinInput): JoinResult {
    const fail = (reason: JoinFailure): JoinResult => ({ ok: false, reason });
    return this.transaction((): JoinResult => {
      const invite = this.findInvite(input.code);
      if (!invite) return fail('invite_not_found');
      const boardId = invite.boardId;
      let partnerId: string | null = null;
      if (input.partner.type === 'existing') {
        if (!this.s.partner.get(input.partner.partnerId, boardId)) return fail('partner_not_found');
        partnerId = input.partner.partnerId;
      }
      if (this.s.useInvite.run(input.code, input.now).changes !== 1) {
        return fail(inviteState(invite, input.now) === 'expired' ? 'invite_expired' : 'invite_used_up');
      }
      let createdPartner: PartnerRecord | null = null;
      if (input.partner.type === 'new') {
        createdPartner = { ...input.partner.partner, boardId, createdAt: input.now };
        this.createPartner(createdPartner);
        partnerId = createdPartner.id;
      }
      const index = this.s.countParticipants.get(boardId)?.n ?? 0;
      const participant = this.createParticipant({
        ...input.participant,
        boardId,
        partnerId,
        role: invite.role,
        color: input.colorFor(index),
        createdAt: input.now,
      });
      return { ok: true, boardId, participant, createdPartner };
    });
  }

  appendUpdate(docKey: string, participantId: string | null, update: Uint8Array, at: number): number {
    return Number(this.s.appendUpdate.run(docKey, participantId, toBuffer(update), at).lastInsertRowid);
  }

  loadDocument(docKey: string): LoadedDocument {
    return this.transaction(() => {
      const snapshot = this.s.snapshot.get(docKey);
      const snapshotSeq = snapshot?.seq ?? 0;
      const updates = this.s.updatesAfter.all(docKey, snapshotSeq).map(
        (r): StoredUpdate => ({
          seq: r.seq,
          participantId: r.participant_id,
          update: new Uint8Array(r.data),
          at: r.at,
        }),
      );
      return { snapshot: snapshot ? new Uint8Array(snapshot.state) : null, snapshotSeq, updates };
    });
  }

  saveSnapshot(docKey: string, seq: number, state: Uint8Array, at: number): void {
    this.s.saveSnapshot.run(docKey, seq, toBuffer(state), at);
  }

  countUpdates(docKey: string): number {
    return this.s.countUpdates.get(docKey)?.n ?? 0;
  }

  listUpdates(docKey: string, afterSeq: number, untilAt = Number.MAX_SAFE_INTEGER): StoredUpdate[] {
    return this.s.updatesBetween.all(docKey, afterSeq, untilAt).map(
      (r): StoredUpdate => ({
        seq: r.seq,
        participantId: r.participant_id,
        // A view, not a copy: thousands of rows are replayed at once and each buffer is ours alone.
        update: new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength),
        at: r.at,
      }),
    );
  }

  createRound = (round: RoundRecord): void => this.rounds.createRound(round);
  getRound = (roundId: string): StoredRound | null => this.rounds.getRound(roundId);
  listRounds = (boardId: string): StoredRound[] => this.rounds.listRounds(boardId);
  listOpenRounds = (boardId: string): StoredRound[] => this.rounds.listOpenRounds(boardId);
  listDueRounds = (now: number): StoredRound[] => this.rounds.listDueRounds(now);
  countRounds = (boardId: string, goalId: string): number => this.rounds.countRounds(boardId, goalId);
  appendStance = (stance: NewStance): StanceRecord => this.rounds.appendStance(stance);
  closeRound = (closure: RoundClosureRecord): boolean => this.rounds.closeRound(closure);
  getDecisionRule = (boardId: string): DecisionRule | null => this.rounds.getDecisionRule(boardId);
  setDecisionRule = (boardId: string, rule: DecisionRule, by: string, at: number): void =>
    this.rounds.setDecisionRule(boardId, rule, by, at);

  recordVisit = (participantId: string, at: number): void => this.network.recordVisit(participantId, at);
  getLastVisit = (participantId: string): number | null => this.network.getLastVisit(participantId);
  saveProfile = (profile: PartnerProfile): void => this.network.saveProfile(profile);
  listProfiles = (boardId: string): PartnerProfile[] => this.network.listProfiles(boardId);
  createRelation = (relation: RelationRecord): void => this.network.createRelation(relation);
  getRelation = (relationId: string): RelationRecord | null => this.network.getRelation(relationId);
  listRelations = (boardId: string, options?: { includeRemoved?: boolean }): RelationRecord[] =>
    this.network.listRelations(boardId, options);
  removeRelation = (relationId: string, by: string, at: number): boolean =>
    this.network.removeRelation(relationId, by, at);

  transaction<T>(fn: () => T): T {
    // better-sqlite3 turns nested transaction() calls into savepoints.
    return this.db.transaction(fn)();
  }

  close(): void {
    // The checkpoint worker's connection closes first, so this one is the last and leaves no WAL behind.
    this.stopCheckpoints();
    if (this.db.open) this.db.close();
  }
}
