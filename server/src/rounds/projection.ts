import type { Round } from '@common-ground/shared/api';
import { DEFAULT_DECISION_RULE, type DecisionRule } from '@common-ground/shared/rules';
import { writeRecordEntries } from '@common-ground/shared/schema';
import type * as Y from 'yjs';
import type { Storage, StoredRound } from '../storage/types';
import { PUBLIC_VIEWER, roundView } from './view';

/**
 * What the record document holds about rounds: every round as everyone may see it, and the board's rule. Written
 * after each change and on every load, so the record catches up with storage even if a write after a change failed.
 */
export async function roundEntries(
  storage: Pick<Storage, 'rounds'>,
  boardId: string,
): Promise<{ rounds: Round[]; decisionRule: DecisionRule }> {
  const [rounds, rule] = await Promise.all([
    storage.rounds.listRounds(boardId),
    storage.rounds.getDecisionRule(boardId),
  ]);
  return {
    rounds: rounds.map((round) => roundView(round, PUBLIC_VIEWER)),
    decisionRule: rule ?? DEFAULT_DECISION_RULE,
  };
}

export function projectRound(doc: Y.Doc, round: StoredRound): void {
  writeRecordEntries(doc, { rounds: [roundView(round, PUBLIC_VIEWER)] });
}
