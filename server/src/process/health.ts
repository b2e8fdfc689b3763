import type { HealthResponse } from '@common-ground/shared/api';
import { type HealthRound, healthCheck, wordingHash } from '@common-ground/shared/rules';
import { type GoalStructure, readGoalStructure, readGoals } from '@common-ground/shared/schema';
import type { ActivityService } from '../activity/service';
import { boardDocKey } from '../rooms/docKeys';
import { toPartner } from '../rooms/record';
import type { RoomRegistry } from '../rooms/registry';
import { PUBLIC_VIEWER } from '../rounds/view';
import type { Storage, StoredRound } from '../storage/types';
import type { SessionLog } from './sessionLog';

export interface HealthDeps {
  readonly storage: Pick<Storage, 'accounts' | 'partners' | 'people' | 'rounds' | 'network'>;
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
async function visits(deps: HealthDeps, boardId: string, now: number) {
  const connected = new Set(
    [...(deps.rooms.get(boardDocKey(boardId))?.connections ?? [])].map((c) => c.participantId),
  );
  const people = (await deps.storage.accounts.listParticipants(boardId)).flatMap((p) =>
    p.partnerId === null ? [] : [{ id: p.id, partnerId: p.partnerId }],
  );
  return Promise.all(
    people.map(async (p) => ({
      partnerId: p.partnerId,
      seenUntil: connected.has(p.id) ? now : await deps.storage.people.getLastVisit(p.id),
    })),
  );
}

/**
 * The health check from the server's own record: attributed activity (the update log, not what clients claim),
 * rounds, profiles, visits and the facilitator's session work. Everything is read as everyone may see it
 * (PUBLIC_VIEWER), so every participant gets the same figures.
 */
export async function boardHealth(deps: HealthDeps, boardId: string): Promise<HealthResponse> {
  const now = deps.now();
  const [replay, rounds, partners, profiles, events, seen, facilitationChanges, balance] = await Promise.all([
    deps.activity.replays.get(boardId),
    deps.storage.rounds.listRounds(boardId),
    deps.storage.partners.listPartners(boardId),
    deps.storage.network.listProfiles(boardId),
    deps.activity.events(boardId, PUBLIC_VIEWER),
    visits(deps, boardId, now),
    deps.sessions.times(boardId),
    deps.activity.voiceBalance(boardId, PUBLIC_VIEWER),
  ]);
  // The replay's document is the board as logged so far: no room needs loading for a read.
  const { doc } = replay;
  const goals = readGoals(doc);
  const structures = new Map<string, GoalStructure>(goals.map((g) => [g.id, readGoalStructure(doc, g.id)]));
  return healthCheck({
    now,
    partners: partners.map(toPartner),
    profiles,
    goals: goals.map((g) => ({ id: g.id, title: g.title, wordingHash: wordingHash(g.title, g.description) })),
    structures,
    rounds: rounds.map(healthRound),
    changes: events.map((e) => ({ at: e.at, partnerId: e.partnerId })),
    visits: seen,
    facilitationChanges,
    balance,
  });
}
