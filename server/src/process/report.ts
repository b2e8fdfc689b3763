import type { ProcessReportResponse, ProcessResponse } from '@common-ground/shared/api';
import { PUBLIC_VIEWER, roundView } from '../rounds/view';
import { boardHealth, type HealthDeps } from './health';

/** Each stay in a phase, from the path's history; the first phase starts with the board. */
export function phaseStays(process: ProcessResponse): ProcessReportResponse['phases'] {
  const entries = [{ phase: 'inventory' as const, at: process.boardCreatedAt }, ...process.history];
  return entries.map((entry, i) => ({ phase: entry.phase, from: entry.at, to: entries[i + 1]?.at ?? null }));
}

/** The process report: phases with dates, every round with its outcome (public view), the health check. */
export async function buildProcessReport(
  deps: HealthDeps,
  boardId: string,
  process: ProcessResponse,
): Promise<ProcessReportResponse> {
  const generatedAt = deps.now();
  const [replay, board, partners, rounds, health] = await Promise.all([
    deps.activity.replays.get(boardId),
    deps.storage.accounts.getBoard(boardId),
    deps.storage.partners.listPartners(boardId),
    deps.storage.rounds.listRounds(boardId),
    boardHealth(deps, boardId),
  ]);
  return {
    boardId,
    title: board?.title ?? '',
    generatedAt,
    boardCreatedAt: process.boardCreatedAt,
    phase: process.phase,
    phases: phaseStays(process),
    partners: partners
      .map(({ name, kind }) => ({ name, kind }))
      .sort((a, b) => a.name.localeCompare(b.name, 'de')),
    rounds: rounds.map((round) => {
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
    health,
  };
}
