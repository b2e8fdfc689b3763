import {
  DEFAULT_DECISION_RULE,
  type DecisionRule,
  goalText,
  isComplete,
  type OpenRoundRequest,
  type Round,
  randomId,
  type StanceRequest,
  wordingHash,
  writeRecordEntries,
} from '@common-ground/shared';
import type * as Y from 'yjs';
import type { Logger } from '../log';
import { boardDocKey, recordDocKey } from '../rooms/docKeys';
import type { RoomRegistry } from '../rooms/registry';
import type { ParticipantRecord, Storage, StoredRound } from '../storage/types';
import { conflict, forbidden, invalid, notFound } from './errors';
import { projectRound } from './projection';
import { currentStances, decide, roundView } from './view';

export interface RoundServiceDeps {
  readonly storage: Storage;
  readonly rooms: RoomRegistry;
  readonly log: Logger;
  readonly now: () => number;
}

/** The goal's current wording; null if it is not (or no longer) a valid goal of the board document. */
function wordingIn(doc: Y.Doc, goalId: string): { title: string; description: string } | null {
  const title = goalText(doc, goalId, 'title');
  const description = goalText(doc, goalId, 'description');
  return title && description ? { title: title.toString(), description: description.toString() } : null;
}

const requireFacilitator = (actor: ParticipantRecord, action: string): void => {
  if (actor.role !== 'facilitator') throw forbidden(`Only the facilitator can ${action}`);
};

/**
 * Consensus rounds: the only code that writes rounds, stances and closures. Storage is synchronous and every
 * method runs to completion without awaiting, so two requests can never interleave between a check and its
 * write; the transactions make each change all-or-nothing. After each change the round is projected into the
 * record document as everyone may see it.
 */
export class RoundService {
  /**
   * Open rounds per board, read from storage once and dropped whenever this service opens or closes a round (it
   * is the only writer of rounds). checkWording runs after every stored board update; a query per update cost
   * more than the rest of the update's handling.
   */
  private readonly openRounds = new Map<string, StoredRound[]>();

  constructor(private readonly deps: RoundServiceDeps) {}

  list(boardId: string, viewer: ParticipantRecord): Round[] {
    return this.deps.storage.listRounds(boardId).map((round) => roundView(round, viewer));
  }

  open(boardId: string, actor: ParticipantRecord, request: OpenRoundRequest): Round {
    requireFacilitator(actor, 'open a round');
    const { storage, now } = this.deps;
    const openedAt = now();
    if (request.deadline !== undefined && request.deadline <= openedAt) {
      throw invalid('deadline: must lie in the future');
    }
    const wording = this.deps.rooms.read(boardDocKey(boardId), (doc) => wordingIn(doc, request.goalId));
    if (!wording) throw notFound('No such goal on this board');
    const id = randomId();
    this.openRounds.delete(boardId);
    storage.transaction(() => {
      if (storage.listOpenRounds(boardId).some((r) => r.goalId === request.goalId)) {
        throw conflict('This goal already has an open round');
      }
      const eligiblePartnerIds = storage.listPartners(boardId).map((p) => p.id);
      if (eligiblePartnerIds.length === 0) {
        throw conflict('The board has no partners yet: invite partners before opening a round');
      }
      storage.createRound({
        id,
        boardId,
        goalId: request.goalId,
        number: storage.countRounds(boardId, request.goalId) + 1,
        openedAt,
        openedBy: actor.id,
        deadline: request.deadline ?? null,
        visibility: request.visibility,
        autoClose: request.autoClose,
        rule: storage.getDecisionRule(boardId) ?? DEFAULT_DECISION_RULE,
        wording: { ...wording, hash: wordingHash(wording.title, wording.description) },
        eligiblePartnerIds,
      });
    });
    return this.changed(id, actor);
  }

  /**
   * Records the stance of the caller's partner. Only a facilitator may name another partner
   * (`onBehalfOfPartnerId`); from anyone else that field is ignored like every other unknown one.
   */
  recordStance(boardId: string, roundId: string, actor: ParticipantRecord, request: StanceRequest): Round {
    const { storage } = this.deps;
    if (actor.role === 'observer') throw forbidden('Observers cannot give a stance');
    const round = this.openRoundOf(boardId, roundId);
    const at = this.deps.now();
    if (request.provisional && request.provisional.until <= at) {
      throw invalid('provisional.until: must lie in the future');
    }
    const onBehalf = actor.role === 'facilitator' ? request.onBehalfOfPartnerId : undefined;
    const partnerId = onBehalf ?? actor.partnerId;
    if (partnerId === null)
      throw forbidden('You do not belong to a partner; name one with onBehalfOfPartnerId');
    if (!round.eligiblePartnerIds.includes(partnerId)) {
      throw forbidden('This partner is not eligible in this round (it joined after the round opened)');
    }
    storage.transaction(() => {
      storage.appendStance({
        roundId,
        partnerId,
        stance: request.stance,
        reason: request.reason ?? null,
        provisionalUntil: request.provisional?.until ?? null,
        recordedBy: actor.id,
        byFacilitator: onBehalf !== undefined,
        at,
      });
      const updated = storage.getRound(roundId);
      if (updated?.autoClose && isComplete(updated.eligiblePartnerIds, currentStances(updated))) {
        this.store(updated, 'decide', at, null);
      }
    });
    return this.changed(roundId, actor);
  }

  close(boardId: string, roundId: string, actor: ParticipantRecord): Round {
    requireFacilitator(actor, 'close a round');
    const round = this.openRoundOf(boardId, roundId);
    if (!this.store(round, 'decide', this.deps.now(), actor.id)) {
      throw conflict('This round is already closed');
    }
    return this.changed(roundId, actor);
  }

  setDecisionRule(boardId: string, actor: ParticipantRecord, rule: DecisionRule): DecisionRule {
    requireFacilitator(actor, 'set the decision rule');
    this.deps.storage.setDecisionRule(boardId, rule, actor.id, this.deps.now());
    this.project(boardId, (doc) => writeRecordEntries(doc, { decisionRule: rule }));
    return rule;
  }

  /** Closes every open round whose deadline has passed, at its deadline; returns how many it closed. */
  sweepDeadlines(): number {
    let closed = 0;
    for (const round of this.deps.storage.listDueRounds(this.deps.now())) {
      try {
        if (this.closeAtDeadline(round)) closed++;
      } catch (error) {
        this.deps.log.error('round not closed at its deadline', { roundId: round.id, error });
      }
    }
    return closed;
  }

  /**
   * After a stored change of a board document: an open round whose goal's wording no longer matches the frozen
   * hash (or whose goal was removed) is `invalidated` — the partners did not decide on this wording.
   */
  checkWording(boardId: string, doc: Y.Doc): void {
    let open = this.openRounds.get(boardId);
    if (!open) {
      open = this.deps.storage.listOpenRounds(boardId);
      this.openRounds.set(boardId, open);
    }
    if (open.length === 0) return;
    const closedAt = this.deps.now();
    for (const round of open) {
      const wording = wordingIn(doc, round.goalId);
      if (wording && wordingHash(wording.title, wording.description) === round.wording.hash) continue;
      if (this.store(round, 'invalidated', closedAt, null)) this.projectStored(round.id);
    }
  }

  /** The round, closed first if its deadline passed before the sweep got to it; 404 unknown, 409 closed. */
  private openRoundOf(boardId: string, roundId: string): StoredRound {
    const round = this.deps.storage.getRound(roundId);
    if (!round || round.boardId !== boardId) throw notFound('No such round on this board');
    if (round.closure || this.closeAtDeadline(round)) throw conflict('This round is closed');
    return round;
  }

  private closeAtDeadline(round: StoredRound): boolean {
    if (round.deadline === null || round.deadline > this.deps.now()) return false;
    const closed = this.store(round, 'decide', round.deadline, null);
    if (closed) this.projectStored(round.id);
    return closed;
  }

  /** Stores the closure; `decide` applies the round's rule at `closedAt`. False if it was closed already. */
  private store(
    round: StoredRound,
    how: 'decide' | 'invalidated',
    closedAt: number,
    closedBy: string | null,
  ): boolean {
    const decision = how === 'decide' ? decide(round, closedAt) : null;
    this.openRounds.delete(round.boardId);
    return this.deps.storage.closeRound({
      roundId: round.id,
      closedAt,
      closedBy,
      outcome: decision?.outcome ?? 'invalidated',
      reasons: decision?.reasons ?? [],
    });
  }

  /** Projects the changed round and returns it as `viewer` sees it. */
  private changed(roundId: string, viewer: ParticipantRecord): Round {
    const round = this.projectStored(roundId);
    if (!round) throw notFound('No such round on this board');
    return roundView(round, viewer);
  }

  private projectStored(roundId: string): StoredRound | null {
    const round = this.deps.storage.getRound(roundId);
    if (round) this.project(round.boardId, (doc) => projectRound(doc, round));
    return round;
  }

  /**
   * The change is committed whatever happens here; if the record document cannot be written now, it catches up
   * from storage when it is next loaded.
   */
  private project(boardId: string, write: Parameters<RoomRegistry['mutate']>[1]): void {
    try {
      this.deps.rooms.mutate(recordDocKey(boardId), write);
    } catch (error) {
      this.deps.log.error('record document not updated after a round change', { boardId, error });
    }
  }
}
