import type { Round } from '@common-ground/shared/api';
import { DEFAULT_DECISION_RULE, wordingHash } from '@common-ground/shared/rules';
import { describe, expect, it } from 'vitest';
import { goalRounds } from './goalRounds';
import { offlineConflicts } from './offlineConflicts';
import type { OfflineEdit } from './offlineJournal';

const OLD = { title: 'Spielplatz', description: 'Neue Geräte.' };
const NEW = { title: 'Spielplatz', description: 'Neue Geräte und Bänke.' };

function round(id: string, number: number, outcome: Round['outcome']): Round {
  return {
    id,
    boardId: 'b'.repeat(16),
    goalId: 'g1',
    number,
    status: outcome ? 'closed' : 'open',
    outcome,
    openedAt: 0,
    openedBy: 'facilitator',
    visibility: 'open',
    autoClose: false,
    rule: DEFAULT_DECISION_RULE,
    wording: { ...OLD, hash: wordingHash(OLD.title, OLD.description) },
    eligiblePartnerIds: ['p1'],
    stances: [],
    history: [],
    tally: { agree: 0, concerns: 0, stand_aside: 0, object: 0, responded: 0, eligible: 1 },
  };
}

const goal = { id: 'g1', ...NEW, stage: 'ready' as const, rank: 'a', createdBy: 'x', createdAt: 0 };
const edit = (closedRoundIds: string[]): OfflineEdit => ({
  goalId: 'g1',
  title: 'Spielplatz',
  at: 1,
  closedRoundIds,
});

const conflicts = (edits: OfflineEdit[], rounds: Round[], confirmed = ['g1']) =>
  offlineConflicts({
    edits,
    confirmedGoalIds: confirmed,
    goals: [goal],
    rounds,
    goalRounds: { g1: goalRounds(goal, rounds) },
  });

describe('offlineConflicts', () => {
  it('reports a round invalidated after the offline edit, not one that was invalid before', () => {
    const rounds = [round('r1', 1, 'invalidated'), round('r2', 2, 'invalidated')];
    expect(conflicts([edit(['r1'])], rounds)).toEqual([
      { kind: 'invalidated', goalId: 'g1', title: 'Spielplatz', roundNumber: 2 },
    ]);
    expect(conflicts([edit(['r1', 'r2'])], rounds)).toEqual([]);
  });

  it('reports an agreed goal whose wording the offline edit changed', () => {
    expect(conflicts([edit(['r1'])], [round('r1', 1, 'agreed')])).toEqual([
      { kind: 'changedSinceAgreement', goalId: 'g1', title: 'Spielplatz' },
    ]);
  });

  it('says nothing before the server confirmed the edit', () => {
    expect(conflicts([edit([])], [round('r1', 1, 'invalidated')], [])).toEqual([]);
  });
});
