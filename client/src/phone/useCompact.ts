import { useSyncExternalStore } from 'react';

const query = '(max-width: 480px)';

const subscribe = (onChange: () => void) => {
  const list = window.matchMedia(query);
  list.addEventListener('change', onChange);
  return () => list.removeEventListener('change', onChange);
};

/** True on a phone-sized screen, where the board leads with the focused goal and its open round. */
export const useCompact = (): boolean =>
  useSyncExternalStore(subscribe, () => window.matchMedia(query).matches);
