// @vitest-environment happy-dom
import type { Round } from '@common-ground/shared/api';
import { DEFAULT_DECISION_RULE, wordingHash } from '@common-ground/shared/rules';
import type { Goal } from '@common-ground/shared/schema';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { goalRounds } from '../sync/goalRounds';
import { BoardContext } from '../sync/SessionContext';
import type { BoardSession } from '../sync/session';
import { CardEnvironmentProvider } from './cardEnvironment';
import { GoalCard, type GoalCardProps } from './GoalCard';

const goal: Goal = {
  id: 'g1',
  title: 'Spielplatz sanieren',
  description: 'Neue Geräte und Bänke.',
  stage: 'ready',
  rank: 'a0',
  createdBy: 'u1',
  createdAt: 0,
};

const agreedRound: Round = {
  id: 'r1',
  boardId: 'b'.repeat(16),
  goalId: goal.id,
  number: 1,
  status: 'closed',
  outcome: 'agreed',
  openedAt: 1000,
  closedAt: 2000,
  openedBy: 'facilitator',
  visibility: 'open',
  autoClose: false,
  rule: DEFAULT_DECISION_RULE,
  wording: {
    title: goal.title,
    description: goal.description,
    hash: wordingHash(goal.title, goal.description),
  },
  eligiblePartnerIds: ['p1'],
  stances: [],
  history: [],
  tally: { agree: 1, concerns: 0, stand_aside: 0, object: 0, responded: 1, eligible: 1 },
};

/** A card as the board draws it, for a facilitator of a board with one partner. */
function render(props: Partial<GoalCardProps>): string {
  // Only what the card environment reads from the session.
  const store = createStore(() => ({
    partners: [{ id: 'p1', name: 'Mieterinitiative Südstadt' }],
    participants: [],
  }));
  const session = { store, participantId: 'u1' } as unknown as BoardSession;
  return renderToString(
    <BoardContext.Provider value={{ session, boardId: 'b'.repeat(16), token: 't', role: 'facilitator' }}>
      <CardEnvironmentProvider>
        <GoalCard
          goal={goal}
          authorName="Maria Schulz"
          editors={[]}
          rounds={goalRounds(goal, [])}
          structure={undefined}
          focused={false}
          changedSinceVisit={false}
          onOpen={() => undefined}
          {...props}
        />
      </CardEnvironmentProvider>
    </BoardContext.Provider>,
  );
}

describe('GoalCard', () => {
  it('shows the goal, its author and, for a goal ready for a round, the button to open one', () => {
    const html = render({});
    expect(html).toContain('Spielplatz sanieren');
    expect(html).toContain('Maria Schulz');
    expect(html).toContain('data-testid="card-open-round"');
    expect(html).not.toContain('data-testid="catch-up-badge"');
    expect(html).not.toContain('data-focused');
  });

  it('shows an agreement with its lead partner from the props it is given', () => {
    const html = render({
      rounds: goalRounds(goal, [agreedRound]),
      structure: { leadPartnerId: 'p1', commitments: [], reviewDate: null },
    });
    expect(html).toContain('data-testid="card-agreed"');
    expect(html).toContain('Mieterinitiative Südstadt');
    expect(html).not.toContain('data-testid="card-open-round"');
  });

  it('marks a card changed since the visit, and the goal everyone is pointed at', () => {
    const html = render({ changedSinceVisit: true, focused: true });
    expect(html).toContain('data-testid="catch-up-badge"');
    expect(html).toContain('data-focused="true"');
  });
});
