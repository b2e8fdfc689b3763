/**
 * The part of a board view's path after /b/:boardId ('' for the board itself), or null for other paths: the
 * client routes by it, the server preloads the view's chunks by it.
 */
export function boardViewSuffix(path: string): string | null {
  const match = /^\/b\/[^/]+(\/[^/]+)?\/?$/.exec(path);
  return match ? (match[1] ?? '') : null;
}
