import { SinceLastVisitResponse as Schema, type SinceLastVisitResponse } from '@common-ground/shared/api';
import { create } from 'zustand';
import { request } from '../app/request';

interface CatchUpState {
  /** Whose board the answer below belongs to. */
  readonly boardId: string | null;
  readonly since: SinceLastVisitResponse | null;
  readonly dismissed: boolean;
  /** Goals changed since the visit (not removed ones), to highlight their cards. */
  readonly changedGoalIds: ReadonlySet<string>;
  /** Asks the server once per opened board; a failed request (offline) may be asked again when live. */
  load(boardId: string, token: string): void;
  dismiss(): void;
}

const empty = (since: SinceLastVisitResponse) =>
  since.changedGoals.length === 0 && since.roundsOpened.length === 0 && since.roundsClosed.length === 0;

/**
 * "Since your last visit" comes from the server (GET …/since-last-visit, built from the update log by the
 * transparency work), not from comparing the local copy: the log knows who changed what, the local copy does not.
 */
export const useCatchUp = create<CatchUpState>()((set, get) => ({
  boardId: null,
  since: null,
  dismissed: false,
  changedGoalIds: new Set(),
  load: (boardId, token) => {
    if (get().boardId === boardId) return;
    set({ boardId, since: null, dismissed: false, changedGoalIds: new Set() });
    request(Schema, `/api/boards/${encodeURIComponent(boardId)}/since-last-visit`, { token }).then(
      (since) => {
        if (get().boardId !== boardId || empty(since)) return;
        const changed = since.changedGoals.filter((goal) => !goal.removed).map((goal) => goal.goalId);
        set({ since, changedGoalIds: new Set(changed) });
      },
      () => {
        if (get().boardId === boardId) set({ boardId: null });
      },
    );
  },
  dismiss: () => set({ dismissed: true }),
}));
