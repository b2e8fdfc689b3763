import type { AgreedGoal, AgreementResponse } from '@common-ground/shared/api';
import { isReviewDue, readBoardTitle, readGoalStructure, readGoals } from '@common-ground/shared/schema';
import { boardDocKey } from '../rooms/docKeys';
import { toPartner } from '../rooms/record';
import type { RoomRegistry } from '../rooms/registry';
import type { Storage, StoredRound } from '../storage/types';
import { agreementChanges } from './agreementChanges';
import { decide, PUBLIC_VIEWER, roundView } from './view';

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
 * The cooperation agreement: every goal still on the board whose latest closed round agreed, in board order, as
 * agreed (wording frozen at the round's opening; lead, commitments and review date at its closing), with what
 * changed since. It shows what everyone may see (the public view of each round), so the same document comes out
 * for every caller.
 */
export async function buildAgreement(
  storage: Pick<Storage, 'accounts' | 'partners' | 'rounds'>,
  rooms: RoomRegistry,
  boardId: string,
  now: number,
): Promise<AgreementResponse> {
  const [rounds, board, partners] = await Promise.all([
    storage.rounds.listRounds(boardId),
    storage.accounts.getBoard(boardId),
    storage.partners.listPartners(boardId),
  ]);
  const deciding = latestClosed(rounds);
  const today = new Date(now).toISOString().slice(0, 10);
  return rooms.read(boardDocKey(boardId), (doc) => {
    const goals: AgreedGoal[] = [];
    for (const goal of readGoals(doc)) {
      const round = deciding.get(goal.id);
      if (round?.closure?.outcome !== 'agreed') continue;
      const view = roundView(round, PUBLIC_VIEWER);
      const current = readGoalStructure(doc, goal.id);
      const { agreedStructure } = round.closure;
      // A round closed before structures were frozen has none: it shows the current one, as it always did.
      const structure = agreedStructure ?? current;
      const changes = agreementChanges(
        { wording: round.wording, structure: agreedStructure },
        { wording: { title: goal.title, description: goal.description }, structure: current },
      );
      goals.push({
        goalId: goal.id,
        wording: view.wording,
        changedSinceAgreement: changes.length > 0,
        changes,
        structureFrozen: agreedStructure !== null,
        round: {
          id: round.id,
          number: round.number,
          openedAt: round.openedAt,
          closedAt: round.closure.closedAt,
          visibility: round.visibility,
          rule: round.rule,
          // The tally its outcome was decided on: a closed round's, which every caller may see in full.
          tally: decide(round, round.closure.closedAt).tally,
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
