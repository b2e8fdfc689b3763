/** Websocket close codes the server uses; clients map them to messages a person understands. */
export const CloseCode = {
  /** Server shuts down or restarts; reconnect later. */
  GoingAway: 1001,
  /** The frame could not be decoded as a y-websocket message. */
  ProtocolError: 1002,
  /** The client broke a rule (e.g. wrote someone else's awareness state). */
  PolicyViolation: 1008,
  /** A message above `Limits.maxMessageBytes`, or an update that would grow the board above its limit. */
  MessageTooBig: 1009,
  /** The server could not store an update; nothing was broadcast. */
  InternalError: 1011,
  /** The server is overloaded; reconnect with backoff. */
  TryAgainLater: 1013,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Defaults; the server reads overrides from its environment (see README). */
export const Limits = {
  maxMessageBytes: 2 * 1024 * 1024,
  maxAwarenessBytes: 4 * 1024,
  maxDocBytes: 16 * 1024 * 1024,
  maxJsonBodyBytes: 64 * 1024,
  maxTitleChars: 200,
  maxNameChars: 80,
  maxDescriptionChars: 20_000,
} as const;

/** y-websocket message types (first varuint of every frame). */
export const MessageType = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3 } as const;

/** Websocket paths: the collaborative board document and the read-only record the server alone writes. */
export const wsPath = (boardId: string): string => `/ws/${boardId}`;
export const recordWsPath = (boardId: string): string => `/ws/${boardId}/record`;

export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{16}$/;
export const INVITE_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{10}$/;
