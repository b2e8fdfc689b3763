/** The transparency views of a board, each at /b/:boardId/<view> (kept free of imports: the router reads it). */
export const TRANSPARENCY_VIEWS = ['network', 'activity', 'as-of', 'balance'] as const;
export type TransparencyView = (typeof TRANSPARENCY_VIEWS)[number];
