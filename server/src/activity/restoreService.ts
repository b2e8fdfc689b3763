import type { RestoreResponse } from '@common-ground/shared/api';
import { conflict, forbidden, invalid, notFound } from '../refusal';
import { boardDocKey } from '../rooms/docKeys';
import type { RoomRegistry } from '../rooms/registry';
import type { ParticipantRecord, Storage } from '../storage/types';
import { applyRestore, type RestorePlan, wordingTouched } from './restore';
import type { ActivityService } from './service';

export interface RestoreDeps {
  readonly storage: Pick<Storage, 'rounds'>;
  readonly rooms: RoomRegistry;
  readonly activity: ActivityService;
  readonly now: () => number;
}

/**
 * Undoing vandalism without hiding it: the facilitator sets one goal, or the whole board, back to how it stood at
 * a chosen moment. The old state comes from the "as of" replay (bounded, sliced: ActivityService.asOf); it is
 * written as one new server write attributed to the facilitator, so the log keeps every entry it had — the
 * vandal's included — and gains one that says who restored what.
 */
export class RestoreService {
  constructor(private readonly deps: RestoreDeps) {}

  /** Checked before the body is read, so whoever may not restore learns nothing from the answer to a body. */
  static assertMayRestore(actor: ParticipantRecord): void {
    if (actor.role !== 'facilitator') throw forbidden('Only the facilitator can restore the board');
  }

  async restore(
    boardId: string,
    actor: ParticipantRecord,
    request: { readonly at: number; readonly goalId?: string | undefined },
  ): Promise<RestoreResponse> {
    RestoreService.assertMayRestore(actor);
    const { at, goalId } = request;
    // The replay of a moment still to come would be today's board, and tomorrow another: refused, not guessed.
    if (at > this.deps.now()) throw invalid('at: must not lie in the future');
    const then = await this.deps.activity.asOf(boardId, actor, at);
    const plan: RestorePlan = goalId
      ? { goals: then.goals.filter((g) => g.id === goalId), removeOthers: false }
      : { goals: then.goals, removeOthers: true };
    if (goalId && plan.goals.length === 0) throw notFound('This goal was not on the board at that time');

    const docKey = boardDocKey(boardId);
    await this.refuseLocked(boardId, docKey, plan);
    let restoredGoals = 0;
    await this.deps.rooms.mutate(
      docKey,
      (doc) => {
        restoredGoals = applyRestore(doc, plan, actor.id);
      },
      actor.id,
    );
    return { restoredGoals };
  }

  /**
   * An open round freezes its goal's wording; a server write that changed it would invalidate the round behind
   * the partners' backs. So the facilitator is told to close or cancel the round first, and nothing is written.
   * (A round opened between this check and the write is invalidated as with any wording change.)
   */
  private async refuseLocked(boardId: string, docKey: string, plan: RestorePlan): Promise<void> {
    const open = new Set((await this.deps.storage.rounds.listOpenRounds(boardId)).map((r) => r.goalId));
    if (open.size === 0) return;
    const touched = await this.deps.rooms.read(docKey, (doc) => wordingTouched(doc, plan));
    const locked = touched.filter((id) => open.has(id));
    if (locked.length > 0) {
      throw conflict(
        `A consensus round is open on goal ${locked.join(', ')}: its wording is locked. ` +
          'Close or cancel the round before restoring it.',
      );
    }
  }
}
