import { useState } from 'react';

const PREFIX = 'common-ground.expanded.';

function readStored(name: string): boolean {
  try {
    return localStorage.getItem(PREFIX + name) === 'open';
  } catch {
    return false;
  }
}

/**
 * Whether a compact board section is opened, remembered per device (not per board): a facilitator who wants the
 * whole process path on the laptop wants it on every board. Closed by default, so the goals come first.
 */
export function useExpanded(name: string): [boolean, () => void] {
  const [expanded, setExpanded] = useState(() => readStored(name));
  const toggle = () => {
    const next = !expanded;
    try {
      localStorage.setItem(PREFIX + name, next ? 'open' : 'closed');
    } catch {
      // Private mode: the choice holds for this visit.
    }
    setExpanded(next);
  };
  return [expanded, toggle];
}
