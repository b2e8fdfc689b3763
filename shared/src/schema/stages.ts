/**
 * Stages a client may set. "Agreed" is derived from the server's round record, never stored here. Apart from the
 * document code (no Yjs), so that the API's schemas can name them.
 */
export const STAGES = ['proposed', 'discussing', 'ready', 'parked'] as const;
export type Stage = (typeof STAGES)[number];
export const isStage = (value: unknown): value is Stage => STAGES.includes(value as Stage);
