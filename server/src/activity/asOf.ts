import type { AsOfGoal, AsOfResponse } from '@common-ground/shared/api';
import { readBoardTitle, readComments, readGoalStructure, readGoals } from '@common-ground/shared/schema';
import * as Y from 'yjs';
import { boardDocKey } from '../rooms/docKeys';
import { applyLogged } from '../rooms/storedState';
import { roundView, type Viewer } from '../rounds/view';
import type { Storage, StoredRound } from '../storage/types';
import type { BoardReplay } from './replay';
import type { Turns } from './turns';

/** A round as it stood at `at`: its stances given by then, its closure only if it had closed. */
function roundAt(round: StoredRound, at: number): StoredRound {
  return {
    ...round,
    closure: round.closure && round.closure.closedAt <= at ? round.closure : null,
    stances: round.stances.filter((s) => s.at <= at),
  };
}

function readBoard(doc: Y.Doc, replay: BoardReplay): Pick<AsOfResponse, 'title' | 'goals'> {
  const goals = readGoals(doc).map((goal): AsOfGoal => {
    const structure = readGoalStructure(doc, goal.id);
    return {
      id: goal.id,
      title: goal.title,
      description: goal.description,
      stage: goal.stage,
      rank: goal.rank,
      proposedBy: replay.proposers.get(goal.id) ?? null,
      createdAt: goal.createdAt,
      leadPartnerId: structure.leadPartnerId,
      commitments: structure.commitments.map((c) => ({ ...c })),
      reviewDate: structure.reviewDate,
      comments: readComments(doc, goal.id).map(({ id, text, at }) => ({
        id,
        text,
        at,
        by: replay.commentAuthors.get(id) ?? null,
      })),
    };
  });
  return { title: readBoardTitle(doc), goals };
}

/**
 * The board as it stood at `at`: every update logged at or before it. Rebuilt from the parts of the (current)
 * replay's checkpoints up to `at` and then at most CHECKPOINT_EVERY updates from the log (in a log whose times
 * only grow), all applied in slices that take turns with the rest of the event loop; or the replay's own document
 * when nothing was logged after `at`. Authors come from the replay's attribution, which only grows, so it also
 * holds for every goal and comment that existed at `at`.
 */
export async function boardAsOf(
  storage: Pick<Storage, 'log' | 'rounds'>,
  replay: BoardReplay,
  turns: Turns,
  request: { readonly boardId: string; readonly viewer: Viewer; readonly at: number },
): Promise<AsOfResponse> {
  const { boardId, viewer, at } = request;
  const rounds = (await storage.rounds.listRounds(boardId))
    .filter((r) => r.openedAt <= at)
    .map((r) => roundView(roundAt(r, at), viewer));
  if (at >= replay.maxAt) return { at, ...readBoard(replay.doc, replay), rounds };
  const parts = replay.checkpointsUntil(at);
  const updates = await storage.log.listUpdates(boardDocKey(boardId), parts.at(-1)?.seq ?? 0, at);
  const doc = new Y.Doc();
  try {
    await turns.sliced(parts, ({ part }) => {
      Y.applyUpdate(doc, part);
      turns.stats.asOfParts++;
    });
    await turns.sliced(updates, ({ update }) => {
      applyLogged(doc, update);
      turns.stats.asOfUpdates++;
    });
    return { at, ...readBoard(doc, replay), rounds };
  } finally {
    doc.destroy();
  }
}
