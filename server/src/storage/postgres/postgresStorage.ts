import type { Amendment, Attribution, DecisionRule, PartnerProfile, Role } from '@common-ground/shared';
import type { Pool } from 'pg';
import {
  PARTICIPANT_COLUMNS,
  PARTNER_COLUMNS,
  type ParticipantRow,
  type PartnerRow,
  toBoard,
  toParticipant,
  toPartner,
} from '../rows';
import type {
  AmendmentResolution,
  BoardRecord,
  ConfirmMemberResult,
  ConfirmPartnerResult,
  CreateRelationResult,
  DeclinePartnerResult,
  HiddenCommentRecord,
  InviteRecord,
  JoinInput,
  JoinResult,
  LoadedDocument,
  NewAmendment,
  NewBoard,
  NewDeviceLink,
  NewInvite,
  NewParticipant,
  NewRound,
  NewStance,
  NewUpdate,
  OpenRoundResult,
  ParticipantRecord,
  PartnerRecord,
  PeopleChange,
  PersonRecord,
  ProposedPartnerRecord,
  QuarantinedUpdate,
  QuarantineEntry,
  RedeemDeviceLinkResult,
  RelationRecord,
  RoundClosureRecord,
  StanceRecord,
  Storage,
  StoredRound,
  StoredUpdate,
} from '../types';
import {
  findInviteByCodeHash,
  insertInvite,
  insertParticipant,
  insertPartner,
  joinWithInvite,
  listInvites,
  revokeInvite,
} from './accounts';
import { PostgresAmendmentStore } from './amendments';
import { PostgresAttributionStore } from './attributions';
import { createPool, findOne, inTransaction, type PostgresOptions } from './db';
import { PostgresHiddenCommentStore } from './hiddenComments';
import { migratePostgres } from './migrations';
import { PostgresNetworkStore } from './network';
import { PostgresPartnerStore } from './partners';
import { PostgresPeopleStore } from './people';
import { PostgresRoundStore } from './rounds';
import * as log from './updateLog';

/** Connects, brings the schema up to date (safe with several instances starting at once) and returns the storage. */
export async function openPostgresStorage(url: string, options: PostgresOptions = {}): Promise<Storage> {
  const pool = createPool(url, options);
  try {
    await migratePostgres(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PostgresStorage(pool);
}

/**
 * Storage on PostgreSQL, for several server instances sharing one database: everything that must hold across
 * instances (contiguous sequence numbers, one open round per goal, no stance after a closure, invite limits) is
 * decided by the database inside one transaction, never by a check in this process.
 */
export class PostgresStorage implements Storage {
  private readonly rounds: PostgresRoundStore;
  private readonly network: PostgresNetworkStore;
  private readonly attributions: PostgresAttributionStore;
  private readonly amendments: PostgresAmendmentStore;
  private readonly hiddenComments: PostgresHiddenCommentStore;
  private readonly people: PostgresPeopleStore;
  private readonly partners: PostgresPartnerStore;

  constructor(private readonly pool: Pool) {
    this.rounds = new PostgresRoundStore(pool);
    this.network = new PostgresNetworkStore(pool);
    this.attributions = new PostgresAttributionStore(pool);
    this.amendments = new PostgresAmendmentStore(pool);
    this.hiddenComments = new PostgresHiddenCommentStore(pool);
    this.people = new PostgresPeopleStore(pool);
    this.partners = new PostgresPartnerStore(pool);
  }

  createBoard({ board, facilitator, initialUpdates }: NewBoard): Promise<void> {
    return inTransaction(this.pool, async (client) => {
      await client.query('INSERT INTO boards (id, title, created_at) VALUES ($1, $2, $3)', [
        board.id,
        board.title,
        board.createdAt,
      ]);
      await insertParticipant(client, facilitator);
      for (const { docKey, update } of initialUpdates) {
        await log.appendUpdates(client, docKey, [{ participantId: null, update, at: board.createdAt }]);
      }
    });
  }

  getBoard(boardId: string): Promise<BoardRecord | null> {
    return findOne(this.pool, 'SELECT id, title, created_at FROM boards WHERE id = $1', [boardId], toBoard);
  }

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

  listProposedPartners(boardId: string): Promise<ProposedPartnerRecord[]> {
    return this.partners.listProposed(boardId);
  }

  confirmPartner(boardId: string, partnerId: string, at: number): Promise<ConfirmPartnerResult> {
    return this.partners.confirmPartner(boardId, partnerId, at);
  }

  declinePartner(boardId: string, partnerId: string, at: number): Promise<DeclinePartnerResult> {
    return this.partners.declinePartner(boardId, partnerId, at);
  }

  confirmMember(
    boardId: string,
    partnerId: string,
    participantId: string,
    at: number,
  ): Promise<ConfirmMemberResult> {
    return this.partners.confirmMember(boardId, partnerId, participantId, at);
  }

  createParticipant(participant: NewParticipant): Promise<ParticipantRecord> {
    // Two rows (the participant and its first device token): one transaction.
    return inTransaction(this.pool, (client) => insertParticipant(client, participant));
  }

  findParticipantByTokenHash(tokenHash: string): Promise<ParticipantRecord | null> {
    return this.people.findByToken(tokenHash);
  }

  async listParticipants(boardId: string): Promise<ParticipantRecord[]> {
    const { rows } = await this.pool.query<ParticipantRow>(
      `SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE board_id = $1 ORDER BY created_at, id`,
      [boardId],
    );
    return rows.map(toParticipant);
  }

  createInvite(i: NewInvite): Promise<void> {
    return insertInvite(this.pool, i);
  }

  findInviteByCodeHash(codeHash: string): Promise<InviteRecord | null> {
    return findInviteByCodeHash(this.pool, codeHash);
  }

  listInvites(boardId: string): Promise<InviteRecord[]> {
    return listInvites(this.pool, boardId);
  }

  revokeInvite(boardId: string, inviteId: string, by: string, at: number): Promise<InviteRecord | null> {
    return revokeInvite(this.pool, boardId, inviteId, by, at);
  }

  join(input: JoinInput): Promise<JoinResult> {
    return inTransaction(this.pool, (client) => joinWithInvite(client, input));
  }

  appendUpdates(docKey: string, updates: readonly NewUpdate[]): Promise<number[]> {
    return log.appendUpdates(this.pool, docKey, updates);
  }

  loadDocument(docKey: string): Promise<LoadedDocument> {
    return log.loadDocument(this.pool, docKey);
  }

  saveSnapshot(docKey: string, seq: number, state: Uint8Array, at: number): Promise<void> {
    return log.saveSnapshot(this.pool, docKey, seq, state, at);
  }

  countUpdates(docKey: string): Promise<number> {
    return log.countUpdates(this.pool, docKey);
  }

  listUpdates(docKey: string, afterSeq: number, untilAt?: number): Promise<StoredUpdate[]> {
    return log.listUpdates(this.pool, docKey, afterSeq, untilAt);
  }

  quarantineUpdates(docKey: string, entries: readonly QuarantineEntry[], at: number): Promise<void> {
    return log.quarantineUpdates(
      this.pool,
      docKey,
      entries.map(({ seq, reason }) => ({ seq, reason, at })),
    );
  }

  listQuarantined(docKey?: string): Promise<QuarantinedUpdate[]> {
    return log.listQuarantined(this.pool, docKey);
  }

  countQuarantined(): Promise<number> {
    return log.countQuarantined(this.pool);
  }

  openRound = (round: NewRound, defaultRule: DecisionRule): Promise<OpenRoundResult> =>
    this.rounds.openRound(round, defaultRule);
  getRound = (roundId: string): Promise<StoredRound | null> => this.rounds.getRound(roundId);
  listRounds = (boardId: string): Promise<StoredRound[]> => this.rounds.listRounds(boardId);
  listOpenRounds = (boardId: string): Promise<StoredRound[]> => this.rounds.listOpenRounds(boardId);
  listDueRounds = (now: number): Promise<StoredRound[]> => this.rounds.listDueRounds(now);
  countRounds = (boardId: string, goalId: string): Promise<number> =>
    this.rounds.countRounds(boardId, goalId);
  appendStance = (stance: NewStance): Promise<StanceRecord | null> => this.rounds.appendStance(stance);
  closeRound = (closure: RoundClosureRecord): Promise<boolean> => this.rounds.closeRound(closure);
  getDecisionRule = (boardId: string): Promise<DecisionRule | null> => this.rounds.getDecisionRule(boardId);
  setDecisionRule = (boardId: string, rule: DecisionRule, by: string, at: number): Promise<void> =>
    this.rounds.setDecisionRule(boardId, rule, by, at);

  recordVisit = (participantId: string, at: number): Promise<void> =>
    this.network.recordVisit(participantId, at);
  getLastVisit = (participantId: string): Promise<number | null> => this.network.getLastVisit(participantId);
  saveProfile = (profile: PartnerProfile): Promise<void> => this.network.saveProfile(profile);
  listProfiles = (boardId: string): Promise<PartnerProfile[]> => this.network.listProfiles(boardId);
  createRelation = (relation: RelationRecord, maxPerBoard: number): Promise<CreateRelationResult> =>
    this.network.createRelation(relation, maxPerBoard);
  getRelation = (relationId: string): Promise<RelationRecord | null> => this.network.getRelation(relationId);
  listRelations = (boardId: string, options?: { includeRemoved?: boolean }): Promise<RelationRecord[]> =>
    this.network.listRelations(boardId, options);
  removeRelation = (relationId: string, by: string, at: number): Promise<boolean> =>
    this.network.removeRelation(relationId, by, at);

  addAttributions = (
    boardId: string,
    items: readonly Attribution[],
    backfilledAt?: number,
  ): Promise<Attribution[]> => this.attributions.add(boardId, items, backfilledAt);
  listAttributions = (boardId: string): Promise<Attribution[]> => this.attributions.list(boardId);
  attributionBackfilledAt = (boardId: string): Promise<number | null> =>
    this.attributions.backfilledAt(boardId);

  proposeAmendment = (amendment: NewAmendment): Promise<Amendment> => this.amendments.propose(amendment);
  getAmendment = (amendmentId: string): Promise<Amendment | null> => this.amendments.get(amendmentId);
  listAmendments = (boardId: string): Promise<Amendment[]> => this.amendments.list(boardId);
  resolveAmendment = (amendmentId: string, resolution: AmendmentResolution): Promise<Amendment | null> =>
    this.amendments.resolve(amendmentId, resolution);

  hideComment = (hide: HiddenCommentRecord): Promise<HiddenCommentRecord> => this.hiddenComments.hide(hide);
  unhideComment = (boardId: string, commentId: string, by: string, at: number): Promise<boolean> =>
    this.hiddenComments.unhide(boardId, commentId, by, at);
  listHiddenComments = (boardId: string): Promise<HiddenCommentRecord[]> => this.hiddenComments.list(boardId);

  listPeople = (boardId: string): Promise<PersonRecord[]> => this.people.listPeople(boardId);
  changeRole = (boardId: string, participantId: string, role: Role): Promise<PeopleChange> =>
    this.people.changeRole(boardId, participantId, role);
  removeParticipant = (
    boardId: string,
    participantId: string,
    by: string,
    at: number,
  ): Promise<PeopleChange> => this.people.removeParticipant(boardId, participantId, by, at);
  leaveDevice = (boardId: string, participantId: string, tokenHash: string): Promise<PeopleChange> =>
    this.people.leaveDevice(boardId, participantId, tokenHash);
  createDeviceLink = (link: NewDeviceLink): Promise<boolean> => this.people.createDeviceLink(link);
  redeemDeviceLink = (codeHash: string, tokenHash: string, now: number): Promise<RedeemDeviceLinkResult> =>
    this.people.redeemDeviceLink(codeHash, tokenHash, now);

  async close(): Promise<void> {
    if (this.pool.ended) return;
    await this.pool.end();
  }
}
