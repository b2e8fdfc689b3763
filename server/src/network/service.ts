import type {
  CreateRelationRequest,
  PartnerProfile,
  Relation,
  UpdateProfileRequest,
} from '@common-ground/shared/api';
import { mayChangeRelation, mayEditProfile } from '@common-ground/shared/rules';
import { randomId, writeRecordEntries } from '@common-ground/shared/schema';
import type { Logger } from '../log';
import type { BoardProjection, RecordProjector } from '../record/projector';
import { conflict, forbidden, notFound } from '../refusal';
import type { RoomRegistry } from '../rooms/registry';
import type { ParticipantRecord, RelationRecord, Storage } from '../storage/types';
import { toRelation } from './projection';

export interface NetworkServiceDeps {
  readonly storage: Pick<Storage, 'partners' | 'network'>;
  readonly rooms: RoomRegistry;
  /** The server's record projector: this service's changes take their turn in its board queues. */
  readonly projector: RecordProjector;
  readonly log: Logger;
  readonly now: () => number;
}

/** Enough for any neighbourhood table (20 partners have 190 pairs); stops a script from flooding the map. */
export const MAX_RELATIONS_PER_BOARD = 500;

/**
 * Partner profiles and relations: authoritative state in storage, written only here, then projected into the
 * record document so every client sees the network change live. A partner's people speak for their own partner
 * (its profile, the relations it is part of); the facilitator may edit all; observers nothing.
 */
export class NetworkService {
  private readonly projector: BoardProjection;

  constructor(private readonly deps: NetworkServiceDeps) {
    this.projector = deps.projector.for('a network change');
  }

  /** Throws 404 for a partner not on the board, 403 for someone who may not edit its profile. */
  async checkProfileEditor(boardId: string, actor: ParticipantRecord, partnerId: string): Promise<void> {
    if (!(await this.partnerOnBoard(boardId, partnerId))) throw notFound('No such partner on this board');
    if (!mayEditProfile(actor.role, actor.partnerId, partnerId)) {
      throw forbidden("Only the partner's own people or the facilitator can edit this profile");
    }
  }

  async saveProfile(
    boardId: string,
    actor: ParticipantRecord,
    partnerId: string,
    request: UpdateProfileRequest,
  ): Promise<PartnerProfile> {
    await this.checkProfileEditor(boardId, actor, partnerId);
    const profile: PartnerProfile = {
      partnerId,
      ...request,
      updatedBy: actor.id,
      updatedAt: this.deps.now(),
    };
    const { storage } = this.deps;
    await storage.network.saveProfile(profile);
    await this.projector.project(boardId, async () => {
      const current = (await storage.network.listProfiles(boardId)).find((p) => p.partnerId === partnerId);
      return current ? (doc) => writeRecordEntries(doc, { profiles: [current] }) : null;
    });
    return profile;
  }

  async createRelation(
    boardId: string,
    actor: ParticipantRecord,
    request: CreateRelationRequest,
  ): Promise<Relation> {
    if (actor.role === 'observer') throw forbidden('Observers cannot add relations');
    const partners = new Set((await this.deps.storage.partners.listPartners(boardId)).map((p) => p.id));
    for (const partnerId of [request.from, request.to]) {
      if (!partners.has(partnerId)) throw notFound('No such partner on this board');
    }
    this.checkInvolved(actor, request);
    const relation: RelationRecord = {
      id: randomId(),
      boardId,
      ...request,
      createdBy: actor.id,
      createdAt: this.deps.now(),
      removedAt: null,
      removedBy: null,
    };
    const result = await this.deps.storage.network.createRelation(relation, MAX_RELATIONS_PER_BOARD);
    if (result === 'limit_reached') {
      throw conflict(`A board has at most ${MAX_RELATIONS_PER_BOARD} relations`);
    }
    if (result === 'duplicate') {
      throw conflict('These partners already have a relation of this kind; remove it to change it');
    }
    await this.projectRelation(boardId, relation.id);
    return toRelation(relation);
  }

  async removeRelation(boardId: string, actor: ParticipantRecord, relationId: string): Promise<void> {
    const relation = await this.deps.storage.network.getRelation(relationId);
    if (!relation || relation.boardId !== boardId || relation.removedAt !== null) {
      throw notFound('No such relation on this board');
    }
    if (actor.role === 'observer') throw forbidden('Observers cannot remove relations');
    this.checkInvolved(actor, relation);
    if (!(await this.deps.storage.network.removeRelation(relationId, actor.id, this.deps.now()))) {
      throw notFound('No such relation on this board');
    }
    await this.projectRelation(boardId, relationId);
  }

  private checkInvolved(actor: ParticipantRecord, relation: Pick<Relation, 'from' | 'to'>): void {
    if (!mayChangeRelation(actor.role, actor.partnerId, relation)) {
      throw forbidden('Only a partner involved in the relation or the facilitator can change it');
    }
  }

  private async partnerOnBoard(boardId: string, partnerId: string): Promise<boolean> {
    return (await this.deps.storage.partners.listPartners(boardId)).some((p) => p.id === partnerId);
  }

  /** The relation as storage has it when the projection's turn comes: current, or removed. */
  private projectRelation(boardId: string, relationId: string): Promise<void> {
    return this.projector.project(boardId, async () => {
      const relation = await this.deps.storage.network.getRelation(relationId);
      if (!relation) return null;
      return relation.removedAt === null
        ? (doc) => writeRecordEntries(doc, { relations: [toRelation(relation)] })
        : (doc) => writeRecordEntries(doc, { removedRelationIds: [relationId] });
    });
  }
}
