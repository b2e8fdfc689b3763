import {
  DEFAULT_DECISION_RULE,
  type DecisionRule,
  type Round,
  writeRecordEntries,
} from '@common-ground/shared';
import type * as Y from 'yjs';
import type { Storage, StoredRound } from '../storage/types';
import { PUBLIC_VIEWER, roundView } from './view';

/**
 * What the record document holds about rounds: every round as everyone may see it, and the board's rule. Written
 * after each change and on every load, so the record catches up with storage even if a write after a change failed.
 */
export function roundEntries(
  storage: Storage,
  boardId: string,
): { rounds: Round[]; decisionRule: DecisionRule } {
  return {
    rounds: storage.listRounds(boardId).map((round) => roundView(round, PUBLIC_VIEWER)),
    decisionRule: storage.getDecisionRule(boardId) ?? DEFAULT_DECISION_RULE,
  };
}

export function projectRound(doc: Y.Doc, round: StoredRound): void {
  writeRecordEntries(doc, { rounds: [roundView(round, PUBLIC_VIEWER)] });
}
