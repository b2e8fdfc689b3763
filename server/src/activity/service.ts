import type {
  ActivityEvent,
  AsOfResponse,
  GoalHistoryResponse,
  SinceLastVisitResponse,
} from '@common-ground/shared/api';
import {
  type Contribution,
  type ContributionKind,
  type VoiceBalance,
  voiceBalance,
} from '@common-ground/shared/rules';
import { toPartner } from '../rooms/record';
import { roundView, type Viewer } from '../rounds/view';
import type { ParticipantRecord, Storage } from '../storage/types';
import { boardAsOf } from './asOf';
import { ReplayCache } from './cache';
import { isNoOp, Names, presentDocEvent, roundEvents } from './present';
import type { BoardReplay } from './replay';
import { replayTurns, type Turns } from './turns';

const CONTRIBUTION_OF: Partial<Record<ActivityEvent['type'], ContributionKind>> = {
  goal_proposed: 'proposal',
  wording_changed: 'edit',
  stage_changed: 'edit',
  goal_moved: 'edit',
  goal_removed: 'edit',
  lead_changed: 'edit',
  commitment_changed: 'edit',
  review_date_changed: 'edit',
  comment_added: 'comment',
  stance_given: 'stance',
};

const newestFirst = (a: ActivityEvent, b: ActivityEvent) => b.at - a.at || (a.id < b.id ? 1 : -1);
const oldestFirst = (a: ActivityEvent, b: ActivityEvent) => -newestFirst(a, b);

/**
 * Who changed what and when, derived from the server's own record: the board document's attributed update log
 * (replayed and cached per board) and the rounds tables. Nothing here reads an author a client wrote.
 */
export class ActivityService {
  readonly replays: ReplayCache;

  constructor(
    private readonly storage: Pick<
      Storage,
      'log' | 'accounts' | 'partners' | 'people' | 'rounds' | 'moderation'
    >,
    cacheSize?: number,
    private readonly turns: Turns = replayTurns,
  ) {
    this.replays = new ReplayCache(storage, cacheSize, turns);
  }

  /** The board as it stood at `at` (see boardAsOf). */
  async asOf(boardId: string, viewer: Viewer, at: number): Promise<AsOfResponse> {
    const [replay, hidden] = await Promise.all([this.replays.get(boardId), this.hiddenComments(boardId)]);
    const board = await boardAsOf(this.storage, replay, this.turns, { boardId, viewer, at });
    if (hidden.size === 0) return board;
    const goals = board.goals.map((goal) => ({
      ...goal,
      comments: goal.comments.map((c) => (hidden.has(c.id) ? { ...c, text: '', hidden: true } : c)),
    }));
    return { ...board, goals };
  }

  /** Every event of the board as `viewer` may see it, oldest first. */
  async events(boardId: string, viewer: Viewer): Promise<ActivityEvent[]> {
    const [replay, names, rounds, hidden] = await Promise.all([
      this.replays.get(boardId),
      Names.load(this.storage, boardId),
      this.storage.rounds.listRounds(boardId),
      this.hiddenComments(boardId),
    ]);
    const ofRounds = rounds.flatMap((round) =>
      roundEvents(round, viewer, names, replay.titleOf(round.goalId) || round.wording.title),
    );
    const ofDoc = this.docEvents(replay, names).map((event) =>
      event.type === 'comment_added' && hidden.has(event.commentId)
        ? { ...event, text: '', hidden: true }
        : event,
    );
    return [...ofDoc, ...ofRounds].sort(oldestFirst);
  }

  /** Comments the facilitator hid: their text is kept in the log but never shown (routes/comments.ts). */
  private async hiddenComments(boardId: string): Promise<Set<string>> {
    return new Set((await this.storage.moderation.listHiddenComments(boardId)).map((hide) => hide.commentId));
  }

  async feed(
    boardId: string,
    viewer: Viewer,
    query: { since?: number | undefined; limit: number },
  ): Promise<{ events: ActivityEvent[]; truncated: boolean }> {
    const since = query.since ?? Number.NEGATIVE_INFINITY;
    const matching = (await this.events(boardId, viewer)).filter((e) => e.at > since);
    matching.sort(newestFirst);
    return { events: matching.slice(0, query.limit), truncated: matching.length > query.limit };
  }

  /** The proposal and every wording change of one goal, oldest first; null if the log never had that goal. */
  async history(boardId: string, goalId: string): Promise<GoalHistoryResponse | null> {
    const [replay, names] = await Promise.all([this.replays.get(boardId), Names.load(this.storage, boardId)]);
    const events = replay.events
      .filter((e) => e.goalId === goalId && !isNoOp(e))
      .filter((e) => e.change.type === 'goal_proposed' || e.change.type === 'wording_changed')
      .map((e) => presentDocEvent(e, names));
    return events.length === 0 ? null : { goalId, events: events.sort(oldestFirst) };
  }

  async sinceLastVisit(boardId: string, viewer: ParticipantRecord): Promise<SinceLastVisitResponse> {
    const lastVisitAt = await this.storage.people.getLastVisit(viewer.id);
    if (lastVisitAt === null) return { lastVisitAt, changedGoals: [], roundsOpened: [], roundsClosed: [] };
    const [replay, names, rounds] = await Promise.all([
      this.replays.get(boardId),
      Names.load(this.storage, boardId),
      this.storage.rounds.listRounds(boardId),
    ]);
    const byGoal = new Map<string, ActivityEvent[]>();
    for (const event of this.docEvents(replay, names)) {
      if (event.at <= lastVisitAt) continue;
      const changes = byGoal.get(event.goalId) ?? [];
      changes.push(event);
      byGoal.set(event.goalId, changes);
    }
    return {
      lastVisitAt,
      changedGoals: [...byGoal].map(([goalId, changes]) => ({
        goalId,
        title: replay.titleOf(goalId),
        removed: changes.at(-1)?.type === 'goal_removed',
        changes: changes.sort(oldestFirst),
      })),
      roundsOpened: rounds.filter((r) => r.openedAt > lastVisitAt).map((r) => roundView(r, viewer)),
      roundsClosed: rounds
        .filter((r) => r.closure !== null && r.closure.closedAt > lastVisitAt)
        .map((r) => roundView(r, viewer)),
    };
  }

  /** Shares of proposals, edits, comments and stances per partner and partner kind in [from, to]. */
  async voiceBalance(boardId: string, viewer: Viewer, from?: number, to?: number): Promise<VoiceBalance> {
    const [events, partners] = await Promise.all([
      this.events(boardId, viewer),
      this.storage.partners.listPartners(boardId),
    ]);
    const contributions: Contribution[] = events.flatMap((event) => {
      const kind = CONTRIBUTION_OF[event.type];
      return kind ? [{ kind, partnerId: event.partnerId, at: event.at }] : [];
    });
    return voiceBalance({
      partners: partners.map(toPartner),
      contributions,
      from: from ?? null,
      to: to ?? null,
    });
  }

  private docEvents(replay: BoardReplay, names: Names): ActivityEvent[] {
    return replay.events.filter((e) => !isNoOp(e)).map((e) => presentDocEvent(e, names));
  }
}
