/** Websocket close codes the server uses; clients map them to messages a person understands. */
export const CloseCode = {
  /** Server shuts down or restarts; reconnect later. */
  GoingAway: 1001,
  /** A frame above `Limits.maxMessageBytes` (ws closes with it; the client treats it as final, see isFinalCloseCode). */
  MessageTooBig: 1009,
  /** The server could not store an update; nothing was broadcast. */
  InternalError: 1011,
  /** The server is overloaded; reconnect with backoff. */
  TryAgainLater: 1013,
  /**
   * Final refusals (4400–4499): y-websocket does not reconnect after them, so a client never resends what was
   * refused in a loop. The client says what happened and offers what to do (see `isFinalCloseCode`).
   */
  /** An update or frame that cannot be applied (malformed, or it refers to what the board does not have). */
  UpdateRefused: 4400,
  /** The participant's access ended (token revoked, person removed); the device forgets the board. */
  AccessEnded: 4401,
  /** A rule broken on purpose: someone else's presence, an observer claiming to edit. */
  Forbidden: 4403,
  /** The change would make the board larger than its size limit. */
  BoardFull: 4413,
  /** The board was deleted (its 30 days to undo ended): it is gone from the server; the device forgets it. */
  BoardDeleted: 4410,
  /** Too many changes or messages in a short time (the participant's budget); try again later. */
  TooManyChanges: 4429,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/**
 * Closes after which a client must not reconnect by itself: y-websocket's own rule (4400–4499), and 1009, which
 * `ws` sends for a frame above the size limit (resending it would be refused again).
 */
export const isFinalCloseCode = (code: number): boolean =>
  (code >= 4400 && code <= 4499) || code === CloseCode.MessageTooBig;

/** Defaults; the server reads overrides from its environment (see README). */
export const Limits = {
  maxMessageBytes: 2 * 1024 * 1024,
  maxAwarenessBytes: 4 * 1024,
  maxDocBytes: 16 * 1024 * 1024,
  maxJsonBodyBytes: 64 * 1024,
  maxTitleChars: 200,
  maxNameChars: 80,
  maxDescriptionChars: 20_000,
  /**
   * A goal's rank key (fractional-indexing). Keys grow by about one character per six moves into the same gap;
   * 256 leaves room for over a thousand, while a foreign client cannot store a 100 kB key.
   */
  maxRankChars: 256,
} as const;

/** y-websocket message types (first varuint of every frame). */
export const MessageType = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3 } as const;

export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{16}$/;
export const INVITE_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{10}$/;
