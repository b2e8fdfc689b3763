import {
  type CreateRelationRequest,
  isDirectedRelation,
  type PartnerProfile,
  type Relation,
  randomId,
  type UpdateProfileRequest,
  writeRecordEntries,
} from '@common-ground/shared';
import type * as Y from 'yjs';
import type { Logger } from '../log';
import { recordDocKey } from '../rooms/docKeys';
import type { RoomRegistry } from '../rooms/registry';
import type { ParticipantRecord, RelationRecord, Storage } from '../storage/types';
import { conflict, forbidden, notFound } from './errors';
import { toRelation } from './projection';

export interface NetworkServiceDeps {
  readonly storage: Storage;
  readonly rooms: RoomRegistry;
  readonly log: Logger;
  readonly now: () => number;
}

/** Enough for any neighbourhood table (20 partners have 190 pairs); stops a script from flooding the map. */
export const MAX_RELATIONS_PER_BOARD = 500;

/** Same pair and kind; for undirected kinds in either direction. */
function samePairAndKind(
  a: Pick<Relation, 'from' | 'to' | 'kind'>,
  b: Pick<Relation, 'from' | 'to' | 'kind'>,
) {
  if (a.kind !== b.kind) return false;
  if (a.from === b.from && a.to === b.to) return true;
  return !isDirectedRelation(a.kind) && a.from === b.to && a.to === b.from;
}

/**
 * Partner profiles and relations: authoritative state in storage, written only here, then projected into the
 * record document so every client sees the network change live. A partner's people speak for their own partner
 * (its profile, the relations it is part of); the facilitator may edit all; observers nothing.
 */
export class NetworkService {
  constructor(private readonly deps: NetworkServiceDeps) {}

  /** Throws 404 for a partner not on the board, 403 for someone who may not edit its profile. */
  checkProfileEditor(boardId: string, actor: ParticipantRecord, partnerId: string): void {
    if (!this.partnerOnBoard(boardId, partnerId)) throw notFound('No such partner on this board');
    if (actor.role === 'facilitator') return;
    if (actor.role === 'observer' || actor.partnerId !== partnerId) {
      throw forbidden("Only the partner's own people or the facilitator can edit this profile");
    }
  }

  saveProfile(
    boardId: string,
    actor: ParticipantRecord,
    partnerId: string,
    request: UpdateProfileRequest,
  ): PartnerProfile {
    this.checkProfileEditor(boardId, actor, partnerId);
    const profile: PartnerProfile = {
      partnerId,
      ...request,
      updatedBy: actor.id,
      updatedAt: this.deps.now(),
    };
    this.deps.storage.saveProfile(profile);
    this.project(boardId, (doc) => writeRecordEntries(doc, { profiles: [profile] }));
    return profile;
  }

  createRelation(boardId: string, actor: ParticipantRecord, request: CreateRelationRequest): Relation {
    if (actor.role === 'observer') throw forbidden('Observers cannot add relations');
    for (const partnerId of [request.from, request.to]) {
      if (!this.partnerOnBoard(boardId, partnerId)) throw notFound('No such partner on this board');
    }
    this.checkInvolved(actor, request);
    const { storage } = this.deps;
    const relation: RelationRecord = {
      id: randomId(),
      boardId,
      ...request,
      createdBy: actor.id,
      createdAt: this.deps.now(),
      removedAt: null,
      removedBy: null,
    };
    storage.transaction(() => {
      const current = storage.listRelations(boardId);
      if (current.length >= MAX_RELATIONS_PER_BOARD) {
        throw conflict(`A board has at most ${MAX_RELATIONS_PER_BOARD} relations`);
      }
      if (current.some((r) => samePairAndKind(r, request))) {
        throw conflict('These partners already have a relation of this kind; remove it to change it');
      }
      storage.createRelation(relation);
    });
    const result = toRelation(relation);
    this.project(boardId, (doc) => writeRecordEntries(doc, { relations: [result] }));
    return result;
  }

  removeRelation(boardId: string, actor: ParticipantRecord, relationId: string): void {
    const relation = this.deps.storage.getRelation(relationId);
    if (!relation || relation.boardId !== boardId || relation.removedAt !== null) {
      throw notFound('No such relation on this board');
    }
    if (actor.role === 'observer') throw forbidden('Observers cannot remove relations');
    this.checkInvolved(actor, relation);
    if (!this.deps.storage.removeRelation(relationId, actor.id, this.deps.now())) {
      throw notFound('No such relation on this board');
    }
    this.project(boardId, (doc) => writeRecordEntries(doc, { removedRelationIds: [relationId] }));
  }

  private checkInvolved(actor: ParticipantRecord, relation: Pick<Relation, 'from' | 'to'>): void {
    if (actor.role === 'facilitator') return;
    if (actor.partnerId === null || (actor.partnerId !== relation.from && actor.partnerId !== relation.to)) {
      throw forbidden('Only a partner involved in the relation or the facilitator can change it');
    }
  }

  private partnerOnBoard(boardId: string, partnerId: string): boolean {
    return this.deps.storage.listPartners(boardId).some((p) => p.id === partnerId);
  }

  /** The change is committed; if the record cannot be written now, it catches up when it is next loaded. */
  private project(boardId: string, write: (doc: Y.Doc) => void): void {
    try {
      this.deps.rooms.mutate(recordDocKey(boardId), write);
    } catch (error) {
      this.deps.log.error('record document not updated after a network change', { boardId, error });
    }
  }
}
