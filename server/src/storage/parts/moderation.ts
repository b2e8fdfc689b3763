/** The facilitator's moderation of comments: hiding and showing them again, the comments themselves untouched. */
export interface ModerationStore {
  /**
   * Hides a comment; the comment itself is never touched. Hiding a hidden comment changes nothing: the first hide
   * keeps its author and time. Returns the hide as stored.
   */
  hideComment(hide: HiddenCommentRecord): Promise<HiddenCommentRecord>;
  /** Shows a hidden comment again (the row stays, with who showed it and when); false if it was not hidden. */
  unhideComment(boardId: string, commentId: string, by: string, at: number): Promise<boolean>;
  /** The board's comments hidden now, oldest hide first. */
  listHiddenComments(boardId: string): Promise<HiddenCommentRecord[]>;
}

/** A comment hidden by a facilitator (`by`) at `at`. */
export interface HiddenCommentRecord {
  readonly boardId: string;
  readonly goalId: string;
  readonly commentId: string;
  readonly by: string;
  readonly at: number;
}
