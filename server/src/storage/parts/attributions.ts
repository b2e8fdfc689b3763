import type { Attribution } from '@common-ground/shared/schema';

/** Who created goals and comments: the authorship the board shows, first writer wins. */
export interface AttributionStore {
  /**
   * Records authors in one transaction: an item that is attributed already keeps its first author, whoever claims
   * it later. With `backfilledAt`, also marks the board's log as backfilled. Returns the stored attribution of every
   * item given (the first writer's), in order.
   */
  addAttributions(
    boardId: string,
    items: readonly Attribution[],
    backfilledAt?: number,
  ): Promise<Attribution[]>;
  /** The board's attributions, oldest first. */
  listAttributions(boardId: string): Promise<Attribution[]>;
  /** When the board's attribution was backfilled from its update log; null if not yet. */
  attributionBackfilledAt(boardId: string): Promise<number | null>;
}
