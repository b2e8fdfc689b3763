import type { Amendment, AmendmentStatus } from '@common-ground/shared/api';

/** Edits a round's wording lock refused, kept as proposals the facilitator adopts or dismisses. */
export interface AmendmentStore {
  /**
   * Stores an edit a round's wording lock refused, atomically: an author has at most one proposed amendment per
   * round, so a later refused edit of theirs replaces the texts it changed (a field it left alone keeps the earlier
   * text) and the time; the id stays. Returns the amendment as stored.
   */
  proposeAmendment(amendment: NewAmendment): Promise<Amendment>;
  getAmendment(amendmentId: string): Promise<Amendment | null>;
  /** The board's amendments, every status, oldest first. */
  listAmendments(boardId: string): Promise<Amendment[]>;
  /** Adopts or dismisses a proposed amendment, once; null (nothing changed) if it is not proposed (any more). */
  resolveAmendment(amendmentId: string, resolution: AmendmentResolution): Promise<Amendment | null>;
}

/** A refused edit as the lock hands it to storage; storage decides whether it is new or replaces a proposal. */
export type NewAmendment = Omit<Amendment, 'status' | 'resolvedBy' | 'resolvedAt'>;

export interface AmendmentResolution {
  readonly status: Exclude<AmendmentStatus, 'proposed'>;
  readonly by: string;
  readonly at: number;
}
