import { isReadOnlyLifecycle } from '@common-ground/shared/api';
import { useBoard } from '../sync/SessionContext';

/**
 * The board is archived or waiting for its deletion: nobody may change it, whatever their role. Screens hide
 * what would change it, as they do for observers (the server refuses such writes anyway).
 */
export const useReadOnlyBoard = (): boolean => useBoard((s) => isReadOnlyLifecycle(s.lifecycle));
