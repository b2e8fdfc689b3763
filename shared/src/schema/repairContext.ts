import { Limits } from '../protocol';
import { MAX_COMMENT_CHARS, MAX_COMMITMENT_CHARS } from './goalDetails';

/** Length limits in UTF-16 code units (the unit of `String.length`, Y.Text and the forms' `maxLength`). */
export interface BoardLimits {
  /** The board's title and every goal's title. */
  readonly titleChars: number;
  readonly descriptionChars: number;
  readonly commitmentChars: number;
  readonly commentChars: number;
  readonly rankChars: number;
}

export const BOARD_LIMITS: BoardLimits = {
  titleChars: Limits.maxTitleChars,
  descriptionChars: Limits.maxDescriptionChars,
  commitmentChars: MAX_COMMITMENT_CHARS,
  commentChars: MAX_COMMENT_CHARS,
  rankChars: Limits.maxRankChars,
};

export interface RepairContext {
  /**
   * Whether an id is one of the board's partners (server storage): a goal's lead and commitment keys must be. The
   * server answers true for every id while its list may be stale, and checks with a fresh list right after.
   */
  readonly isPartner: (partnerId: string) => boolean;
  readonly limits: BoardLimits;
}

/** One repair, for the log. Keys a client chose (ids, field names) are cut to 64 characters. */
export interface Repair {
  /** `truncate`: text cut at its limit; `reset`: field set to a valid value; `delete`: entry or field removed. */
  readonly kind: 'truncate' | 'reset' | 'delete';
  /** The root map: `board` or `goals`. */
  readonly root: BoardRoot;
  /** The goal's key under `goals`; null under `board`. */
  readonly goalId: string | null;
  /** The field repaired; null when a whole goal entry was deleted. */
  readonly field: string | null;
  /**
   * Within the field: a commitment's partner id; the comments deleted, as an index or an inclusive range
   * `first-last` (indices before the repair); `embeds` when a text lost its embeds.
   */
  readonly entry: string | null;
}

/** The root types of the board document; any other root is ignored by every reader and left alone. */
export type BoardRoot = 'board' | 'goals';

/** How keys a client chose appear in a repair: long enough to recognise, never 100 kB in a log line. */
export const logKey = (key: string): string => key.slice(0, 64);
