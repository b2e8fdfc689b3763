import { useStore } from 'zustand';
import type { OfflineState } from './offlineChanges';
import { useBoardContext } from './SessionContext';

/** Reads the offline state of the open board through a selector (stable references only, as with useBoard). */
export function useOffline<T>(selector: (state: OfflineState) => T): T {
  return useStore(useBoardContext().session.offline.store, selector);
}
