import { useEffect } from 'react';
import { create } from 'zustand';
import { useReducedMotion } from '../app/reducedMotion';
import { useBoard } from '../sync/SessionContext';

const STORAGE_KEY = 'common-ground.followFocus';

function readStored(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) !== 'off';
  } catch {
    return true;
  }
}

/** "Fokus folgen": a personal setting of this device, on by default. */
export const useFollowFocus = create<{ follow: boolean; setFollow: (follow: boolean) => void }>()((set) => ({
  follow: readStored(),
  setFollow: (follow) => {
    try {
      localStorage.setItem(STORAGE_KEY, follow ? 'on' : 'off');
    } catch {
      // Private mode: the choice holds for this visit.
    }
    set({ follow });
  },
}));

/** The goal this person should see highlighted: the facilitator's focus, unless they stopped following. */
export function useFollowedGoal(): string | null {
  const focus = useBoard((s) => s.facilitation.focus);
  const follow = useFollowFocus((s) => s.follow);
  return follow ? focus : null;
}

/**
 * Scrolls the followed goal's card into view when the focus moves to it (not on every re-render, so it never
 * fights someone's own scrolling); smoothly only if the person's system allows motion.
 */
export function useScrollToFocus(): void {
  const goalId = useFollowedGoal();
  const reducedMotion = useReducedMotion();
  useEffect(() => {
    if (!goalId) return;
    const card = document.querySelector(`[data-goal-id="${CSS.escape(goalId)}"]`);
    card?.scrollIntoView({ behavior: reducedMotion ? 'auto' : 'smooth', block: 'center', inline: 'nearest' });
  }, [goalId, reducedMotion]);
}
