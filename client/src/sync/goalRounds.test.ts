import type { Round } from '@common-ground/shared/api';
import { DEFAULT_DECISION_RULE, wordingHash } from '@common-ground/shared/rules';
import { describe, expect, it } from 'vitest';
import { goalRounds, keepEqualRounds, mergeRounds, roundsByGoal, updateRoundsByGoal } from './goalRounds';

const TITLE = 'Spielplatz sanieren';
const DESCRIPTION = 'Neue Geräte und Bänke.';

function round(overrides: Partial<Round> & Pick<Round, 'id' | 'number' | 'status'>): Round {
  return {
    boardId: 'b'.repeat(16),
    goalId: 'g1',
    openedAt: 1000 * overrides.number,
    openedBy: 'facilitator',
    visibility: 'open',
    autoClose: false,
    rule: DEFAULT_DECISION_RULE,
    wording: { title: TITLE, description: DESCRIPTION, hash: wordingHash(TITLE, DESCRIPTION) },
    eligiblePartnerIds: ['p1', 'p2'],
    stances: [],
    history: [],
    tally: { agree: 0, concerns: 0, stand_aside: 0, object: 0, responded: 0, eligible: 2 },
    ...overrides,
  };
}

const goal = { title: TITLE, description: DESCRIPTION };

describe('goalRounds', () => {
  it('has nothing to say about a goal without rounds', () => {
    expect(goalRounds(goal, [])).toMatchObject({ open: null, latestClosed: null, agreed: false });
  });

  it('finds the open round and the latest closed one, by round number', () => {
    const r1 = round({ id: 'r1', number: 1, status: 'closed', outcome: 'objected' });
    const r2 = round({ id: 'r2', number: 2, status: 'open' });
    const state = goalRounds(goal, [r2, r1]);
    expect(state.rounds.map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(state.open?.id).toBe('r2');
    expect(state.latestClosed?.id).toBe('r1');
    expect(state.agreed).toBe(false);
  });

  it('is agreed when the latest closed round agreed, and stays so while a new round runs', () => {
    const r1 = round({ id: 'r1', number: 1, status: 'closed', outcome: 'agreed' });
    expect(goalRounds(goal, [r1]).agreed).toBe(true);
    const r2 = round({ id: 'r2', number: 2, status: 'open' });
    expect(goalRounds(goal, [r1, r2])).toMatchObject({ agreed: true, open: { id: 'r2' } });
  });

  it('is no longer agreed when a later round closed otherwise', () => {
    const r1 = round({ id: 'r1', number: 1, status: 'closed', outcome: 'agreed' });
    const r2 = round({ id: 'r2', number: 2, status: 'closed', outcome: 'invalidated' });
    expect(goalRounds(goal, [r1, r2]).agreed).toBe(false);
  });

  it('marks an agreed goal whose wording changed, but not one with only trailing whitespace added', () => {
    const r1 = round({ id: 'r1', number: 1, status: 'closed', outcome: 'agreed' });
    expect(goalRounds(goal, [r1]).changedSinceAgreement).toBe(false);
    expect(goalRounds({ ...goal, description: `${DESCRIPTION}  \n` }, [r1]).changedSinceAgreement).toBe(
      false,
    );
    expect(goalRounds({ ...goal, title: `${TITLE} und beleuchten` }, [r1]).changedSinceAgreement).toBe(true);
  });

  it('never calls a goal that was not agreed "changed since agreement"', () => {
    const r1 = round({ id: 'r1', number: 1, status: 'closed', outcome: 'objected' });
    expect(goalRounds({ ...goal, title: 'Anders' }, [r1]).changedSinceAgreement).toBe(false);
  });
});

describe('roundsByGoal', () => {
  it('groups rounds by goal and gives every goal an entry', () => {
    const goals = [
      { id: 'g1', ...goal, stage: 'ready' as const, rank: 'a', createdBy: 'x', createdAt: 1 },
      { id: 'g2', ...goal, stage: 'proposed' as const, rank: 'b', createdBy: 'x', createdAt: 1 },
    ];
    const byGoal = roundsByGoal(goals, [round({ id: 'r1', number: 1, status: 'open' })]);
    expect(byGoal.g1?.open?.id).toBe('r1');
    expect(byGoal.g2?.open).toBeNull();
  });
});

describe('updateRoundsByGoal', () => {
  const board = (description: string) => [
    { id: 'g1', ...goal, description, stage: 'ready' as const, rank: 'a', createdBy: 'x', createdAt: 1 },
    { id: 'g2', ...goal, stage: 'proposed' as const, rank: 'b', createdBy: 'x', createdAt: 1 },
    { id: 'g3', ...goal, stage: 'proposed' as const, rank: 'c', createdBy: 'x', createdAt: 1 },
  ];
  const rounds = [
    round({ id: 'r1', number: 1, status: 'closed', outcome: 'agreed' }),
    round({ id: 'r2', goalId: 'g2', number: 1, status: 'open' }),
  ];
  const before = roundsByGoal(board(DESCRIPTION), rounds);

  it('recomputes only the touched goals and keeps every other entry', () => {
    const next = updateRoundsByGoal(before, board('Anders'), rounds, new Set(['g1']));
    expect(next.g1?.changedSinceAgreement).toBe(true);
    expect(next.g2).toBe(before.g2);
    expect(next.g3).toBe(before.g3);
  });

  it('returns the previous entries when nothing changed for them', () => {
    expect(updateRoundsByGoal(before, board(DESCRIPTION), rounds, new Set(['g1', 'g2']))).toBe(before);
    expect(updateRoundsByGoal(before, board(DESCRIPTION), rounds, null)).toBe(before);
  });

  it('drops a removed goal and, with new rounds, changes only the goals they belong to', () => {
    const withoutG3 = updateRoundsByGoal(before, board(DESCRIPTION).slice(0, 2), rounds, new Set(['g3']));
    expect(Object.keys(withoutG3)).toEqual(['g1', 'g2']);
    const closed = [
      rounds[0],
      round({ id: 'r2', goalId: 'g2', number: 1, status: 'closed', outcome: 'agreed' }),
    ];
    const next = updateRoundsByGoal(before, board(DESCRIPTION), closed as Round[], null);
    expect(next.g1).toBe(before.g1);
    expect(next.g2?.agreed).toBe(true);
    expect(next.g3).toBe(before.g3);
  });
});

describe('keepEqualRounds', () => {
  it('keeps the previous object of every round that did not change', () => {
    const r1 = round({ id: 'r1', number: 1, status: 'open' });
    const r2 = round({ id: 'r2', number: 2, status: 'open' });
    expect(keepEqualRounds([r1, r2], [{ ...r1 }, { ...r2 }])).toEqual([r1, r2]);
    const [sameR1, newR2] = keepEqualRounds([r1, r2], [{ ...r1 }, { ...r2, status: 'closed' }]);
    expect(sameR1).toBe(r1);
    expect(newR2).not.toBe(r2);
    const previous = [r1, r2];
    expect(keepEqualRounds(previous, [{ ...r1 }, { ...r2 }])).toBe(previous);
  });
});

describe('mergeRounds', () => {
  const publicView = round({ id: 'r1', number: 1, status: 'open' });
  const stance = {
    partnerId: 'p1',
    stance: 'agree' as const,
    recordedBy: 'u1',
    recordedByFacilitator: false,
    at: 5,
  };

  it('prefers the own view while it is as fresh as the record', () => {
    const mine = { ...publicView, stances: [stance], history: [] };
    expect(mergeRounds([publicView], new Map([['r1', mine]]))[0]).toBe(mine);
  });

  it('takes the record once it knows more (a newer stance, or the round closed)', () => {
    const mine = { ...publicView, stances: [stance] };
    const newer = { ...publicView, history: [{ ...stance, partnerId: 'p2', superseded: false }] };
    expect(mergeRounds([newer], new Map([['r1', mine]]))[0]).toBe(newer);
    const closed = { ...publicView, status: 'closed' as const, outcome: 'agreed' as const };
    expect(mergeRounds([closed], new Map([['r1', mine]]))[0]).toBe(closed);
  });

  it('takes the record of a hidden round once more partners answered, though neither shows a history', () => {
    const hidden = round({ id: 'r1', number: 1, status: 'open', visibility: 'hidden' });
    const mine = { ...hidden, stances: [stance], tally: { responded: 1, eligible: 2 } };
    const newer = { ...hidden, tally: { responded: 2, eligible: 2 } };
    expect(mergeRounds([newer], new Map([['r1', mine]]))[0]).toBe(newer);
    expect(mergeRounds([{ ...newer, tally: mine.tally }], new Map([['r1', mine]]))[0]).toBe(mine);
  });

  it('keeps a closed round the API returned before the record caught up', () => {
    const closed = { ...publicView, status: 'closed' as const, outcome: 'agreed' as const };
    expect(mergeRounds([publicView], new Map([['r1', closed]]))[0]).toBe(closed);
  });

  it('shows a round the API returned before the record has it', () => {
    expect(mergeRounds([], new Map([['r1', publicView]]))).toEqual([publicView]);
  });
});
