// @vitest-environment happy-dom
import type { Role } from '@common-ground/shared/api';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { BoardContext } from '../sync/SessionContext';
import type { BoardSession } from '../sync/session';
import { GoalStructureForm } from './GoalStructureForm';

/** The form of goal g1 on a board with partners p1 and p2, for person u1 with `role`, member of `partnerId`. */
function render(role: Role, partnerId: string | null, editable = true): HTMLElement {
  // Only what the form reads from the session.
  const store = createStore(() => ({
    partners: [
      { id: 'p1', name: 'Mieterinitiative Südstadt' },
      { id: 'p2', name: 'Wohnungsbau Süd eG' },
    ],
    participants: [{ id: 'u1', name: 'Ayşe', role, partnerId, color: '#1d4ed8' }],
    details: {
      g1: {
        structure: {
          leadPartnerId: 'p1',
          commitments: [{ partnerId: 'p2', text: 'Stellt Bänke' }],
          reviewDate: null,
        },
      },
    },
  }));
  const session = { store, participantId: 'u1' } as unknown as BoardSession;
  const root = document.createElement('div');
  root.innerHTML = renderToString(
    <BoardContext.Provider value={{ session, boardId: 'b'.repeat(16), token: 't', role }}>
      <GoalStructureForm goalId="g1" editable={editable} />
    </BoardContext.Provider>,
  );
  return root;
}

const lead = (root: HTMLElement) => root.querySelector('[data-testid="structure-lead"]') as HTMLSelectElement;
const commitments = (root: HTMLElement) =>
  [...root.querySelectorAll('[data-testid="structure-commitment"]')].map((input) =>
    input.hasAttribute('readonly') ? 'read-only' : 'editable',
  );

describe('GoalStructureForm: only what the person may change is editable', () => {
  it('lets the facilitator change the lead and every commitment, without a reason shown', () => {
    const root = render('facilitator', null);
    expect(lead(root).hasAttribute('disabled')).toBe(false);
    expect(commitments(root)).toEqual(['editable', 'editable']);
    expect(root.querySelector('[data-testid="structure-lead-why"]')).toBeNull();
    expect(root.querySelector('[data-testid="structure-commitment-why"]')).toBeNull();
  });

  it("lets a confirmed member change only its own partner's commitment, and says why", () => {
    const root = render('partner', 'p1');
    expect(lead(root).hasAttribute('disabled')).toBe(true);
    expect(root.querySelector('[data-testid="structure-lead-why"]')?.textContent).toBe(
      'Only the facilitator sets the lead partner.',
    );
    expect(commitments(root)).toEqual(['editable', 'read-only']);
    const why = root.querySelector('[data-testid="structure-commitment-why"]');
    expect(why?.textContent).toContain('confirmed members or the facilitator');
    const locked = root.querySelectorAll('[data-testid="structure-commitment"]')[1];
    expect(locked?.getAttribute('aria-describedby')).toBe(why?.id);
  });

  it('lets a person not confirmed for any partner change nothing of it', () => {
    expect(commitments(render('partner', null))).toEqual(['read-only', 'read-only']);
  });

  it('shows no reasons where nothing is editable anyway (an observer, a locked goal)', () => {
    const root = render('partner', 'p1', false);
    expect(commitments(root)).toEqual(['read-only', 'read-only']);
    expect(root.querySelector('[data-testid="structure-lead-why"]')).toBeNull();
    expect(root.querySelector('[data-testid="structure-commitment-why"]')).toBeNull();
  });
});
