import type { OpenRoundRequest, Round, StanceRequest } from '@common-ground/shared/api';
import {
  DEFAULT_DECISION_RULE,
  type DecisionRule,
  isComplete,
  wordingHash,
} from '@common-ground/shared/rules';
import {
  goalText,
  isWithdrawn,
  randomId,
  readGoalById,
  readGoalStructure,
  writeRecordEntries,
} from '@common-ground/shared/schema';
import type * as Y from 'yjs';
import type { Logger } from '../log';
import type { BoardProjection, RecordProjector } from '../record/projector';
import { conflict, forbidden, invalid, notFound } from '../refusal';
import { boardDocKey } from '../rooms/docKeys';
import type { RoomRegistry } from '../rooms/registry';
import type { ParticipantRecord, Storage, StoredRound } from '../storage/types';
import { projectRound } from './projection';
import { currentStances, decide, roundView } from './view';
import type { WordingLocks } from './wordingLock';

export interface RoundServiceDeps {
  readonly storage: Pick<Storage, 'rounds'>;
  readonly rooms: RoomRegistry;
  /** The server's record projector: this service's changes take their turn in its board queues. */
  readonly projector: RecordProjector;
  readonly log: Logger;
  readonly now: () => number;
  /**
   * Other instances open and close rounds too (a cluster): the cache is then also dropped when another instance
   * changes a board's record (`forgetOpenRounds`), and trusted for at most SHARED_CACHE_MS in case that news is lost.
   */
  readonly shared?: boolean;
  /** The open rounds' wording locks of the board schema: told of every round this service opens or closes. */
  readonly wordingLocks?: WordingLocks;
  /** Told of every round this service opens or closes, after it is stored (e-mail notices). Must not throw. */
  readonly listener?: RoundListener;
}

/**
 * What reacts to a round being opened or closed (the mail notifier). Called without waiting: its work runs beside
 * the request, and whatever it queues must be safe to queue twice (a restart, another instance).
 */
export interface RoundListener {
  roundOpened(boardId: string, roundId: string): void;
  roundClosed(boardId: string, roundId: string): void;
}

/** The goal's current wording; null if it is not (or no longer) a valid goal of the board document. */
function wordingIn(
  doc: Y.Doc,
  goalId: string,
): { title: string; description: string; withdrawn: boolean } | null {
  const title = goalText(doc, goalId, 'title');
  const description = goalText(doc, goalId, 'description');
  const goal = readGoalById(doc, goalId);
  if (!title || !description || !goal) return null;
  return { title: title.toString(), description: description.toString(), withdrawn: isWithdrawn(goal) };
}

/** How long a cluster instance trusts its cached open rounds without hearing of other instances' changes. */
const SHARED_CACHE_MS = 2000;

const requireFacilitator = (actor: ParticipantRecord, action: string): void => {
  if (actor.role !== 'facilitator') throw forbidden(`Only the facilitator can ${action}`);
};

/**
 * Consensus rounds: the only code that writes rounds, stances and closures. The rules that must hold against
 * concurrent requests (and other instances) are single storage operations: openRound refuses a second open round
 * per goal, appendStance stores nothing once the round is closed, closeRound closes once. After each change the
 * round is projected into the record document as everyone may see it.
 */
export class RoundService {
  /**
   * Open rounds per board, read from storage once and dropped whenever this service opens or closes a round (on
   * one instance it is the only writer of rounds; in a cluster see `shared`). checkWording runs after every stored board update; a query per update cost
   * more than the rest of the update's handling. A read that started before a drop is not cached (`generation`),
   * so a round opened meanwhile is never missing from the cache.
   */
  private readonly openRounds = new Map<string, { rounds: StoredRound[]; readAt: number }>();
  private readonly generation = new Map<string, number>();
  private readonly projector: BoardProjection;
  private readonly wordingChecks = new Map<string, { doc: Y.Doc; again: boolean; done: Promise<void> }>();

  constructor(private readonly deps: RoundServiceDeps) {
    this.projector = deps.projector.for('a round change');
  }

  async list(boardId: string, viewer: ParticipantRecord): Promise<Round[]> {
    const rounds = await this.deps.storage.rounds.listRounds(boardId);
    return rounds.map((round) => roundView(round, viewer));
  }

  async open(boardId: string, actor: ParticipantRecord, request: OpenRoundRequest): Promise<Round> {
    requireFacilitator(actor, 'open a round');
    const openedAt = this.deps.now();
    if (request.deadline !== undefined && request.deadline <= openedAt) {
      throw invalid('deadline: must lie in the future');
    }
    const found = await this.deps.rooms.read(boardDocKey(boardId), (doc) => wordingIn(doc, request.goalId));
    if (!found) throw notFound('No such goal on this board');
    if (found.withdrawn) {
      throw conflict('This goal is withdrawn: restore it before opening a round on it');
    }
    const wording = { title: found.title, description: found.description };
    const result = await this.deps.storage.rounds.openRound(
      {
        id: randomId(),
        boardId,
        goalId: request.goalId,
        openedAt,
        openedBy: actor.id,
        deadline: request.deadline ?? null,
        visibility: request.visibility,
        autoClose: request.autoClose,
        wording: { ...wording, hash: wordingHash(wording.title, wording.description) },
      },
      DEFAULT_DECISION_RULE,
    );
    if (result.ok) {
      this.deps.wordingLocks?.opened(result.round);
      this.deps.listener?.roundOpened(boardId, result.round.id);
    }
    this.dropOpenRounds(boardId);
    if (!result.ok) {
      throw conflict(
        result.reason === 'round_open'
          ? 'This goal already has an open round'
          : 'The board has no partners yet: invite partners before opening a round',
      );
    }
    return this.changed(result.round.id, actor);
  }

  /**
   * Records the stance of the caller's partner. Only a facilitator may name another partner
   * (`onBehalfOfPartnerId`); from anyone else that field is ignored like every other unknown one.
   */
  async recordStance(
    boardId: string,
    roundId: string,
    actor: ParticipantRecord,
    request: StanceRequest,
  ): Promise<Round> {
    const { storage } = this.deps;
    if (actor.role === 'observer') throw forbidden('Observers cannot give a stance');
    const round = await this.openRoundOf(boardId, roundId);
    const at = this.deps.now();
    if (request.provisional && request.provisional.until <= at) {
      throw invalid('provisional.until: must lie in the future');
    }
    const onBehalf = actor.role === 'facilitator' ? request.onBehalfOfPartnerId : undefined;
    const partnerId = onBehalf ?? actor.partnerId;
    if (partnerId === null && actor.pendingPartnerId && actor.role !== 'facilitator') {
      throw forbidden(
        'Your membership of this partner awaits confirmation by the facilitator (or a confirmed member): until then you cannot give its stance',
      );
    }
    if (partnerId === null)
      throw forbidden('You do not belong to a partner; name one with onBehalfOfPartnerId');
    if (!round.eligiblePartnerIds.includes(partnerId)) {
      throw forbidden(
        'This partner is not eligible in this round (it was not a confirmed partner when the round opened)',
      );
    }
    const stored = await storage.rounds.appendStance({
      roundId,
      partnerId,
      stance: request.stance,
      reason: request.reason ?? null,
      provisionalUntil: request.provisional?.until ?? null,
      recordedBy: actor.id,
      byFacilitator: onBehalf !== undefined,
      at,
    });
    // Closed since openRoundOf looked (a close, a deadline or an edit of the wording in between).
    if (!stored) throw conflict('This round is closed');
    const updated = await storage.rounds.getRound(roundId);
    if (updated?.autoClose && isComplete(updated.eligiblePartnerIds, currentStances(updated))) {
      await this.closeRound(updated, 'decide', at, null);
    }
    return this.changed(roundId, actor);
  }

  async close(boardId: string, roundId: string, actor: ParticipantRecord): Promise<Round> {
    requireFacilitator(actor, 'close a round');
    const round = await this.openRoundOf(boardId, roundId);
    if (!(await this.closeRound(round, 'decide', this.deps.now(), actor.id))) {
      throw conflict('This round is already closed');
    }
    return this.changed(roundId, actor);
  }

  /**
   * Ends an open round without a decision (`invalidated`), so that the facilitator can change the goal's wording
   * (adopt an amendment, edit it) and open a new round on the new wording.
   */
  async cancel(boardId: string, roundId: string, actor: ParticipantRecord): Promise<Round> {
    requireFacilitator(actor, 'cancel a round');
    const round = await this.openRoundOf(boardId, roundId);
    if (!(await this.closeRound(round, 'invalidated', this.deps.now(), actor.id))) {
      throw conflict('This round is already closed');
    }
    return this.changed(roundId, actor);
  }

  async setDecisionRule(
    boardId: string,
    actor: ParticipantRecord,
    rule: DecisionRule,
  ): Promise<DecisionRule> {
    requireFacilitator(actor, 'set the decision rule');
    const { storage } = this.deps;
    await storage.rounds.setDecisionRule(boardId, rule, actor.id, this.deps.now());
    await this.projector.project(boardId, async () => {
      const current = (await storage.rounds.getDecisionRule(boardId)) ?? DEFAULT_DECISION_RULE;
      return (doc) => writeRecordEntries(doc, { decisionRule: current });
    });
    return rule;
  }

  /** Closes every open round whose deadline has passed, at its deadline; returns how many it closed. */
  async sweepDeadlines(): Promise<number> {
    let closed = 0;
    for (const round of await this.deps.storage.rounds.listDueRounds(this.deps.now())) {
      try {
        if (await this.closeAtDeadline(round)) closed++;
      } catch (error) {
        this.deps.log.error('round not closed at its deadline', { roundId: round.id, error });
      }
    }
    return closed;
  }

  /**
   * After a stored change of a board document: an open round whose goal's wording no longer matches the frozen
   * hash (or whose goal was removed) is `invalidated` — the partners did not decide on this wording. The wording
   * lock (wordingLock.ts) sets edits back in the writer's batch, so this finds nothing unless the lock was not
   * known yet (a moment after another instance opened a round) or the goal was removed.
   */
  checkWording(boardId: string, doc: Y.Doc): Promise<void> {
    // One check per board at a time; changes stored meanwhile are covered by one more check after it (a burst
    // of edits costs two reads of the open rounds, not one per edit — they are not cached in a cluster).
    const running = this.wordingChecks.get(boardId);
    if (running) {
      running.doc = doc;
      running.again = true;
      return running.done;
    }
    const check = { doc, again: false, done: Promise.resolve() };
    this.wordingChecks.set(boardId, check);
    check.done = (async () => {
      try {
        do {
          check.again = false;
          await this.checkWordingNow(boardId, check.doc);
        } while (check.again);
      } finally {
        this.wordingChecks.delete(boardId);
      }
    })();
    return check.done;
  }

  private async checkWordingNow(boardId: string, doc: Y.Doc): Promise<void> {
    const cached = this.openRounds.get(boardId);
    const fresh = cached && (!this.deps.shared || this.deps.now() - cached.readAt < SHARED_CACHE_MS);
    let open = fresh ? cached.rounds : null;
    if (!open) {
      const generation = this.generation.get(boardId) ?? 0;
      const readAt = this.deps.now();
      open = await this.deps.storage.rounds.listOpenRounds(boardId);
      if ((this.generation.get(boardId) ?? 0) === generation)
        this.openRounds.set(boardId, { rounds: open, readAt });
    }
    if (open.length === 0) return;
    const closedAt = this.deps.now();
    // Read now, in one go: the document may change while the closures are stored.
    const stale = open.filter((round) => {
      const wording = wordingIn(doc, round.goalId);
      return !wording || wordingHash(wording.title, wording.description) !== round.wording.hash;
    });
    for (const round of stale) {
      if (await this.closeRound(round, 'invalidated', closedAt, null))
        await this.projectRound(boardId, round.id);
    }
  }

  /** The round, closed first if its deadline passed before the sweep got to it; 404 unknown, 409 closed. */
  private async openRoundOf(boardId: string, roundId: string): Promise<StoredRound> {
    const round = await this.deps.storage.rounds.getRound(roundId);
    if (!round || round.boardId !== boardId) throw notFound('No such round on this board');
    if (round.closure || (await this.closeAtDeadline(round))) throw conflict('This round is closed');
    return round;
  }

  private async closeAtDeadline(round: StoredRound): Promise<boolean> {
    if (round.deadline === null || round.deadline > this.deps.now()) return false;
    const closed = await this.closeRound(round, 'decide', round.deadline, null);
    if (closed) await this.projectRound(round.boardId, round.id);
    return closed;
  }

  /** Closes the round in storage; `decide` applies its rule at `closedAt`. False if it was closed already. */
  private async closeRound(
    round: StoredRound,
    how: 'decide' | 'invalidated',
    closedAt: number,
    closedBy: string | null,
  ): Promise<boolean> {
    const decision = how === 'decide' ? decide(round, closedAt) : null;
    try {
      // What the partners agreed to includes who leads and who commits what: frozen with the closure, read from
      // the stored document like the wording at the opening (an edit stored after this read is a later change).
      const agreedStructure =
        decision?.outcome === 'agreed'
          ? await this.deps.rooms.read(boardDocKey(round.boardId), (doc) =>
              readGoalStructure(doc, round.goalId),
            )
          : null;
      const closed = await this.deps.storage.rounds.closeRound({
        roundId: round.id,
        closedAt,
        closedBy,
        outcome: decision?.outcome ?? 'invalidated',
        reasons: decision?.reasons ?? [],
        agreedStructure,
      });
      if (closed) this.deps.listener?.roundClosed(round.boardId, round.id);
      return closed;
    } finally {
      this.dropOpenRounds(round.boardId);
    }
  }

  /** Another instance changed the board's record (it may have opened or closed a round). */
  forgetOpenRounds(boardId: string): void {
    this.dropOpenRounds(boardId);
  }

  /**
   * After a write of rounds: the cache is dropped, and a read still in flight will not be cached; the wording
   * locks are read again (a closed round's lock ends then).
   */
  private dropOpenRounds(boardId: string): void {
    this.openRounds.delete(boardId);
    this.generation.set(boardId, (this.generation.get(boardId) ?? 0) + 1);
    this.deps.wordingLocks?.refresh(boardId);
  }

  /** Projects the changed round and returns it as `viewer` sees it. */
  private async changed(roundId: string, viewer: ParticipantRecord): Promise<Round> {
    const round = await this.deps.storage.rounds.getRound(roundId);
    if (!round) throw notFound('No such round on this board');
    await this.projectRound(round.boardId, roundId);
    return roundView(round, viewer);
  }

  private projectRound(boardId: string, roundId: string): Promise<void> {
    return this.projector.project(boardId, async () => {
      const round = await this.deps.storage.rounds.getRound(roundId);
      return round ? (doc) => projectRound(doc, round) : null;
    });
  }
}
