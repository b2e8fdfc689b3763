import {
  type GoalStructure,
  type HealthResponse,
  type HealthRound,
  healthCheck,
  readGoalStructure,
  readGoals,
  wordingHash,
} from '@common-ground/shared';
import type { ActivityService } from '../activity/service';
import { boardDocKey } from '../rooms/docKeys';
import { toPartner } from '../rooms/record';
import type { RoomRegistry } from '../rooms/registry';
import { PUBLIC_VIEWER } from '../rounds/view';
import type { Storage, StoredRound } from '../storage/types';
import type { SessionLog } from './sessionLog';

export interface HealthDeps {
  readonly storage: Storage;
  readonly rooms: RoomRegistry;
  readonly activity: ActivityService;
  readonly sessions: SessionLog;
  readonly now: () => number;
}

export const healthRound = (round: StoredRound): HealthRound => ({
  goalId: round.goalId,
  number: round.number,
  openedAt: round.openedAt,
  closedAt: round.closure?.closedAt ?? null,
  outcome: round.closure?.outcome ?? null,
  wordingHash: round.wording.hash,
  closedByFacilitator: round.closure?.closedBy != null,
});

/** Until when each partner's people have seen the board: now while connected, else their last visit. */
function visits(deps: HealthDeps, boardId: string, now: number) {
  const connected = new Set(
    [...(deps.rooms.get(boardDocKey(boardId))?.connections ?? [])].map((c) => c.participantId),
  );
  return deps.storage.listParticipants(boardId).flatMap((p) =>
    p.partnerId === null
      ? []
      : [
          {
            partnerId: p.partnerId,
            seenUntil: connected.has(p.id) ? now : deps.storage.getLastVisit(p.id),
          },
        ],
  );
}

/**
 * The health check from the server's own record: attributed activity (the update log, not what clients claim),
 * rounds, profiles, visits and the facilitator's session work. Everything is read as everyone may see it
 * (PUBLIC_VIEWER), so every participant gets the same figures.
 */
export function boardHealth(deps: HealthDeps, boardId: string): HealthResponse {
  const now = deps.now();
  // The replay's document is the board as logged so far: no room needs loading for a read.
  const { doc } = deps.activity.replays.get(boardId);
  const goals = readGoals(doc);
  const structures = new Map<string, GoalStructure>(goals.map((g) => [g.id, readGoalStructure(doc, g.id)]));
  const rounds = deps.storage.listRounds(boardId);
  return healthCheck({
    now,
    partners: deps.storage.listPartners(boardId).map(toPartner),
    profiles: deps.storage.listProfiles(boardId),
    goals: goals.map((g) => ({ id: g.id, title: g.title, wordingHash: wordingHash(g.title, g.description) })),
    structures,
    rounds: rounds.map(healthRound),
    changes: deps.activity.events(boardId, PUBLIC_VIEWER).map((e) => ({ at: e.at, partnerId: e.partnerId })),
    visits: visits(deps, boardId, now),
    facilitationChanges: deps.sessions.times(boardId),
    balance: deps.activity.voiceBalance(boardId, PUBLIC_VIEWER),
  });
}
