import {
  type AgreedGoal,
  type AgreementResponse,
  isReviewDue,
  readBoardTitle,
  readGoalStructure,
  readGoals,
  wordingHash,
} from '@common-ground/shared';
import { boardDocKey } from '../rooms/docKeys';
import { toPartner } from '../rooms/record';
import type { RoomRegistry } from '../rooms/registry';
import type { Storage, StoredRound } from '../storage/types';
import { PUBLIC_VIEWER, roundView } from './view';

/** Each goal's latest closed round. */
function latestClosed(rounds: readonly StoredRound[]): Map<string, StoredRound> {
  const latest = new Map<string, StoredRound>();
  for (const round of rounds) {
    if (!round.closure) continue;
    const known = latest.get(round.goalId);
    if (!known || known.number < round.number) latest.set(round.goalId, round);
  }
  return latest;
}

/**
 * The cooperation agreement: every goal still on the board whose latest closed round agreed, in board order. It
 * shows what everyone may see (the public view of each round), so the same document comes out for every caller.
 */
export async function buildAgreement(
  storage: Storage,
  rooms: RoomRegistry,
  boardId: string,
  now: number,
): Promise<AgreementResponse> {
  const [rounds, board, partners] = await Promise.all([
    storage.listRounds(boardId),
    storage.getBoard(boardId),
    storage.listPartners(boardId),
  ]);
  const deciding = latestClosed(rounds);
  const today = new Date(now).toISOString().slice(0, 10);
  return rooms.read(boardDocKey(boardId), (doc) => {
    const goals: AgreedGoal[] = [];
    for (const goal of readGoals(doc)) {
      const round = deciding.get(goal.id);
      if (round?.closure?.outcome !== 'agreed') continue;
      const view = roundView(round, PUBLIC_VIEWER);
      const structure = readGoalStructure(doc, goal.id);
      goals.push({
        goalId: goal.id,
        wording: view.wording,
        changedSinceAgreement: wordingHash(goal.title, goal.description) !== round.wording.hash,
        round: {
          id: round.id,
          number: round.number,
          openedAt: round.openedAt,
          closedAt: round.closure.closedAt,
          visibility: round.visibility,
          rule: round.rule,
          tally: view.tally,
        },
        stances: view.stances,
        concerns: view.stances.flatMap((s) =>
          s.stance === 'concerns' && s.reason ? [{ partnerId: s.partnerId, reason: s.reason }] : [],
        ),
        leadPartnerId: structure.leadPartnerId,
        commitments: structure.commitments.map((c) => ({ ...c })),
        reviewDate: structure.reviewDate,
        reviewDue: isReviewDue(structure, today),
      });
    }
    return {
      boardId,
      title: readBoardTitle(doc) || (board?.title ?? ''),
      generatedAt: now,
      partners: partners.map(toPartner),
      goals,
    };
  });
}
