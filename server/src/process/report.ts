import type { ProcessReportResponse, ProcessResponse } from '@common-ground/shared';
import { PUBLIC_VIEWER, roundView } from '../rounds/view';
import { boardHealth, type HealthDeps } from './health';

/** Each stay in a phase, from the path's history; the first phase starts with the board. */
export function phaseStays(process: ProcessResponse): ProcessReportResponse['phases'] {
  const entries = [{ phase: 'inventory' as const, at: process.boardCreatedAt }, ...process.history];
  return entries.map((entry, i) => ({ phase: entry.phase, from: entry.at, to: entries[i + 1]?.at ?? null }));
}

/** The process report: phases with dates, every round with its outcome (public view), the health check. */
export function buildProcessReport(
  deps: HealthDeps,
  boardId: string,
  process: ProcessResponse,
): ProcessReportResponse {
  const replay = deps.activity.replays.get(boardId);
  return {
    boardId,
    title: deps.storage.getBoard(boardId)?.title ?? '',
    generatedAt: deps.now(),
    boardCreatedAt: process.boardCreatedAt,
    phase: process.phase,
    phases: phaseStays(process),
    partners: deps.storage
      .listPartners(boardId)
      .map(({ name, kind }) => ({ name, kind }))
      .sort((a, b) => a.name.localeCompare(b.name, 'de')),
    rounds: deps.storage.listRounds(boardId).map((round) => {
      const view = roundView(round, PUBLIC_VIEWER);
      return {
        goalId: round.goalId,
        goalTitle: replay.titleOf(round.goalId) || round.wording.title,
        number: round.number,
        openedAt: round.openedAt,
        closedAt: round.closure?.closedAt ?? null,
        outcome: round.closure?.outcome ?? null,
        eligible: view.tally.eligible,
        responded: view.tally.responded,
      };
    }),
    health: boardHealth(deps, boardId),
  };
}
