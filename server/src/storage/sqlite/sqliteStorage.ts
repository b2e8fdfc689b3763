import fs from 'node:fs';
import path from 'node:path';
import type { Amendment, Attribution, DecisionRule, PartnerProfile, Role } from '@common-ground/shared';
import Database from 'better-sqlite3';
import { joinMembership } from '../membership';
import {
  type BoardRow,
  INVITE_COLUMNS,
  INVITE_INSERT_COLUMNS,
  type InviteRow,
  type InviteValues,
  inviteValues,
  PARTICIPANT_COLUMNS,
  PARTNER_COLUMNS,
  type ParticipantRow,
  type PartnerRow,
  participantMembership,
  toBoard,
  toInvite,
  toParticipant,
  toPartner,
} from '../rows';
import {
  type AmendmentResolution,
  type BoardRecord,
  type ConfirmMemberResult,
  type ConfirmPartnerResult,
  type CreateRelationResult,
  type DeclinePartnerResult,
  type HiddenCommentRecord,
  type InviteRecord,
  type JoinFailure,
  type JoinInput,
  type JoinResult,
  type LoadedDocument,
  type NewAmendment,
  type NewBoard,
  type NewDeviceLink,
  type NewInvite,
  type NewParticipant,
  type NewRound,
  type NewStance,
  type NewUpdate,
  type OpenRoundResult,
  type ParticipantRecord,
  type PartnerRecord,
  type PeopleChange,
  type PersonRecord,
  type ProposedPartnerRecord,
  type QuarantinedUpdate,
  type QuarantineEntry,
  type RelationRecord,
  type RoundClosureRecord,
  refusalOf,
  type StanceRecord,
  type Storage,
  type StoredRound,
  type StoredUpdate,
} from '../types';
import { SqliteAmendmentStore } from './amendments';
import { SqliteAttributionStore } from './attributions';
import {
  type Checkpointer,
  type CheckpointThresholds,
  NO_CHECKPOINTS,
  startCheckpointer,
} from './checkpointer';
import { SqliteDocumentStore } from './documents';
import { SqliteHiddenCommentStore } from './hiddenComments';
import { migrate } from './migrations';
import { SqliteNetworkStore } from './network';
import { SqlitePartnerStore } from './partners';
import { SqlitePeopleStore } from './people';
import { SqliteRoundStore } from './rounds';

/** About what a commit of `dataBytes` adds to the WAL: the data, and a table, an index and a sequence page. */
const walBytesOf = (dataBytes: number): number => dataBytes + 3 * 4096;

export function openSqliteStorage(
  dataDir: string,
  onBackgroundError?: (error: unknown) => void,
  checkpoints?: CheckpointThresholds,
): SqliteStorage {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'common-ground.sqlite'));
  return new SqliteStorage(db, onBackgroundError, checkpoints);
}

/**
 * The single-process engine. better-sqlite3 is synchronous: every method does its work before it returns its
 * promise, so a write is committed (in the WAL) by the time the caller awaits it, and each method that must be
 * atomic is one SQLite transaction.
 */
export class SqliteStorage implements Storage {
  private readonly s;
  private readonly docs: SqliteDocumentStore;
  private readonly rounds: SqliteRoundStore;
  private readonly network: SqliteNetworkStore;
  private readonly attributions: SqliteAttributionStore;
  private readonly amendments: SqliteAmendmentStore;
  private readonly hiddenComments: SqliteHiddenCommentStore;
  private readonly partnerStore: SqlitePartnerStore;
  private readonly people: SqlitePeopleStore;
  private readonly checkpoints: Checkpointer;

  constructor(
    private readonly db: Database.Database,
    onBackgroundError: (error: unknown) => void = () => {},
    checkpoints: CheckpointThresholds = {},
  ) {
    // WAL + synchronous=NORMAL: a commit is in the WAL file (OS page cache) before appendUpdates resolves, so it
    // survives kill -9 of this process; only a power loss or OS crash can drop the last commits. FULL would fsync
    // every commit and cost ~10x the write latency for that case.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    // An in-memory database has no WAL to checkpoint.
    this.checkpoints = db.memory ? NO_CHECKPOINTS : startCheckpointer(db, onBackgroundError, checkpoints);
    this.docs = new SqliteDocumentStore(db);
    this.rounds = new SqliteRoundStore(db);
    this.network = new SqliteNetworkStore(db);
    this.attributions = new SqliteAttributionStore(db);
    this.amendments = new SqliteAmendmentStore(db);
    this.hiddenComments = new SqliteHiddenCommentStore(db);
    this.people = new SqlitePeopleStore(db);
    this.partnerStore = new SqlitePartnerStore(db);
    this.s = {
      insertBoard: db.prepare<[string, string, number]>(
        'INSERT INTO boards (id, title, created_at) VALUES (?, ?, ?)',
      ),
      board: db.prepare<[string], BoardRow>('SELECT id, title, created_at FROM boards WHERE id = ?'),
      insertPartner: db.prepare<[string, string, string, string, number, number | null, string | null]>(
        `INSERT INTO partners (id, board_id, name, kind, created_at, confirmed_at, proposed_by)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      // Confirmed organisations only: a proposed one can be claimed by nobody but its proposer.
      partner: db.prepare<[string, string], PartnerRow>(
        `SELECT ${PARTNER_COLUMNS} FROM partners WHERE id = ? AND board_id = ? AND confirmed_at IS NOT NULL`,
      ),
      partners: db.prepare<[string], PartnerRow>(
        `SELECT ${PARTNER_COLUMNS} FROM partners WHERE board_id = ? AND confirmed_at IS NOT NULL
         ORDER BY created_at, id`,
      ),
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
    };
  }

  async createBoard({ board, facilitator, initialUpdates }: NewBoard): Promise<void> {
    this.transaction(() => {
      this.s.insertBoard.run(board.id, board.title, board.createdAt);
      this.insertParticipant(facilitator);
      for (const { docKey, update } of initialUpdates) {
        this.docs.append(docKey, { participantId: null, update, at: board.createdAt });
      }
    });
  }

  async getBoard(boardId: string): Promise<BoardRecord | null> {
    const row = this.s.board.get(boardId);
    return row ? toBoard(row) : null;
  }

  async createPartner(p: PartnerRecord): Promise<void> {
    this.insertPartner(p, p.createdAt, null);
  }

  async listPartners(boardId: string): Promise<PartnerRecord[]> {
    return this.s.partners.all(boardId).map(toPartner);
  }

  async listProposedPartners(boardId: string): Promise<ProposedPartnerRecord[]> {
    return this.partnerStore.listProposed(boardId);
  }

  async confirmPartner(boardId: string, partnerId: string, at: number): Promise<ConfirmPartnerResult> {
    return this.partnerStore.confirmPartner(boardId, partnerId, at);
  }

  async declinePartner(boardId: string, partnerId: string, at: number): Promise<DeclinePartnerResult> {
    return this.partnerStore.declinePartner(boardId, partnerId, at);
  }

  async confirmMember(
    boardId: string,
    partnerId: string,
    participantId: string,
    at: number,
  ): Promise<ConfirmMemberResult> {
    return this.partnerStore.confirmMember(boardId, partnerId, participantId, at);
  }

  async createParticipant(p: NewParticipant): Promise<ParticipantRecord> {
    return this.insertParticipant(p);
  }

  async findParticipantByTokenHash(tokenHash: string): Promise<ParticipantRecord | null> {
    return this.people.findByToken(tokenHash);
  }

  async listParticipants(boardId: string): Promise<ParticipantRecord[]> {
    return this.s.participants.all(boardId).map(toParticipant);
  }

  async createInvite(i: NewInvite): Promise<void> {
    this.s.insertInvite.run(...inviteValues(i));
  }

  async findInviteByCodeHash(codeHash: string): Promise<InviteRecord | null> {
    return this.inviteByHash(codeHash);
  }

  async listInvites(boardId: string): Promise<InviteRecord[]> {
    return this.s.invites.all(boardId).map(toInvite);
  }

  async revokeInvite(
    boardId: string,
    inviteId: string,
    by: string,
    at: number,
  ): Promise<InviteRecord | null> {
    return this.transaction(() => {
      this.s.revokeInvite.run(at, by, inviteId, boardId);
      const row = this.s.invite.get(inviteId, boardId);
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
      if (membership.type === 'claim' && !this.s.partner.get(membership.partnerId, boardId)) {
        return fail('partner_not_found');
      }
      if (this.s.useInvite.run(invite.id, input.now).changes !== 1) {
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
        this.insertPartner(createdPartner, null, createdPartner.proposedBy);
      }
      const index = this.s.countParticipants.get(boardId)?.n ?? 0;
      const participant = this.insertParticipant({
        ...input.participant,
        boardId,
        partnerId: membership.type === 'confirmed' ? membership.partnerId : null,
        pendingPartnerId: membership.type === 'claim' ? membership.partnerId : (createdPartner?.id ?? null),
        role: invite.role,
        color: input.colorFor(index),
        createdAt: input.now,
      });
      return { ok: true, boardId, participant, createdPartner };
    });
  }

  async appendUpdates(docKey: string, updates: readonly NewUpdate[]): Promise<number[]> {
    return this.appendUpdatesNow(docKey, updates);
  }

  appendUpdatesNow(docKey: string, updates: readonly NewUpdate[]): number[] {
    const seqs = this.docs.appendBatch(docKey, updates);
    this.checkpoints.wrote(walBytesOf(updates.reduce((sum, u) => sum + u.update.byteLength, 0)));
    return seqs;
  }

  async loadDocument(docKey: string): Promise<LoadedDocument> {
    return this.transaction(() => this.docs.load(docKey));
  }

  async saveSnapshot(docKey: string, seq: number, state: Uint8Array, at: number): Promise<void> {
    this.docs.saveSnapshot(docKey, seq, state, at);
    this.checkpoints.wrote(walBytesOf(state.byteLength));
  }

  async countUpdates(docKey: string): Promise<number> {
    return this.docs.count(docKey);
  }

  async listUpdates(docKey: string, afterSeq: number, untilAt?: number): Promise<StoredUpdate[]> {
    return this.docs.list(docKey, afterSeq, untilAt);
  }

  async quarantineUpdates(docKey: string, entries: readonly QuarantineEntry[], at: number): Promise<void> {
    this.docs.quarantine(docKey, entries, at);
  }

  async listQuarantined(docKey?: string): Promise<QuarantinedUpdate[]> {
    return this.docs.listQuarantined(docKey);
  }

  async countQuarantined(): Promise<number> {
    return this.docs.countQuarantined();
  }

  openRound = async (round: NewRound, defaultRule: DecisionRule): Promise<OpenRoundResult> =>
    this.rounds.openRound(round, defaultRule);
  getRound = async (roundId: string): Promise<StoredRound | null> => this.rounds.getRound(roundId);
  listRounds = async (boardId: string): Promise<StoredRound[]> => this.rounds.listRounds(boardId);
  listOpenRounds = async (boardId: string): Promise<StoredRound[]> => this.rounds.listOpenRounds(boardId);
  listDueRounds = async (now: number): Promise<StoredRound[]> => this.rounds.listDueRounds(now);
  countRounds = async (boardId: string, goalId: string): Promise<number> =>
    this.rounds.countRounds(boardId, goalId);
  appendStance = async (stance: NewStance): Promise<StanceRecord | null> => this.rounds.appendStance(stance);
  closeRound = async (closure: RoundClosureRecord): Promise<boolean> => this.rounds.closeRound(closure);
  getDecisionRule = async (boardId: string): Promise<DecisionRule | null> =>
    this.rounds.getDecisionRule(boardId);
  setDecisionRule = async (boardId: string, rule: DecisionRule, by: string, at: number): Promise<void> =>
    this.rounds.setDecisionRule(boardId, rule, by, at);

  recordVisit = async (participantId: string, at: number): Promise<void> =>
    this.network.recordVisit(participantId, at);
  getLastVisit = async (participantId: string): Promise<number | null> =>
    this.network.getLastVisit(participantId);
  saveProfile = async (profile: PartnerProfile): Promise<void> => this.network.saveProfile(profile);
  listProfiles = async (boardId: string): Promise<PartnerProfile[]> => this.network.listProfiles(boardId);
  createRelation = async (relation: RelationRecord, maxPerBoard: number): Promise<CreateRelationResult> =>
    this.network.createRelation(relation, maxPerBoard);
  getRelation = async (relationId: string): Promise<RelationRecord | null> =>
    this.network.getRelation(relationId);
  listRelations = async (
    boardId: string,
    options?: { includeRemoved?: boolean },
  ): Promise<RelationRecord[]> => this.network.listRelations(boardId, options);
  removeRelation = async (relationId: string, by: string, at: number): Promise<boolean> =>
    this.network.removeRelation(relationId, by, at);

  addAttributions = async (
    boardId: string,
    items: readonly Attribution[],
    backfilledAt?: number,
  ): Promise<Attribution[]> => this.attributions.add(boardId, items, backfilledAt);
  listAttributions = async (boardId: string): Promise<Attribution[]> => this.attributions.list(boardId);
  attributionBackfilledAt = async (boardId: string): Promise<number | null> =>
    this.attributions.backfilledAt(boardId);

  proposeAmendment = async (amendment: NewAmendment): Promise<Amendment> =>
    this.amendments.propose(amendment);
  getAmendment = async (amendmentId: string): Promise<Amendment | null> => this.amendments.get(amendmentId);
  listAmendments = async (boardId: string): Promise<Amendment[]> => this.amendments.list(boardId);
  resolveAmendment = async (
    amendmentId: string,
    resolution: AmendmentResolution,
  ): Promise<Amendment | null> => this.amendments.resolve(amendmentId, resolution);

  hideComment = async (hide: HiddenCommentRecord): Promise<HiddenCommentRecord> =>
    this.hiddenComments.hide(hide);
  unhideComment = async (boardId: string, commentId: string, by: string, at: number): Promise<boolean> =>
    this.hiddenComments.unhide(boardId, commentId, by, at);
  listHiddenComments = async (boardId: string): Promise<HiddenCommentRecord[]> =>
    this.hiddenComments.list(boardId);

  listPeople = async (boardId: string): Promise<PersonRecord[]> => this.people.listPeople(boardId);
  changeRole = async (boardId: string, participantId: string, role: Role): Promise<PeopleChange> =>
    this.people.changeRole(boardId, participantId, role);
  removeParticipant = async (boardId: string, participantId: string, by: string, at: number) =>
    this.people.removeParticipant(boardId, participantId, by, at);
  leaveDevice = async (boardId: string, participantId: string, tokenHash: string): Promise<PeopleChange> =>
    this.people.leaveDevice(boardId, participantId, tokenHash);
  createDeviceLink = async (link: NewDeviceLink): Promise<boolean> => this.people.createDeviceLink(link);
  redeemDeviceLink = async (codeHash: string, tokenHash: string, now: number) =>
    this.people.redeemDeviceLink(codeHash, tokenHash, now);

  async close(): Promise<void> {
    // The checkpoint worker's connection closes first, so this one is the last and leaves no WAL behind.
    this.checkpoints.stop();
    if (this.db.open) this.db.close();
  }

  private inviteByHash(codeHash: string): InviteRecord | null {
    const row = this.s.inviteByHash.get(codeHash);
    return row ? toInvite(row) : null;
  }

  private insertPartner(p: PartnerRecord, confirmedAt: number | null, proposedBy: string | null): void {
    this.s.insertPartner.run(p.id, p.boardId, p.name, p.kind, p.createdAt, confirmedAt, proposedBy);
  }

  private insertParticipant(p: NewParticipant): ParticipantRecord {
    const membership = participantMembership(p);
    this.s.insertParticipant.run(
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
    this.people.addFirstToken(p.id, p.tokenHash, p.createdAt);
    const { tokenHash: _secret, ...record } = p;
    return record;
  }

  /** Runs `fn` atomically (synchronous: better-sqlite3 cannot hold a transaction across an await). */
  private transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
