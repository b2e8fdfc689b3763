/** Storage key of a board's collaborative document. */
export const boardDocKey = (boardId: string): string => boardId;
/** Storage key of a board's record document (written by the server only). */
export const recordDocKey = (boardId: string): string => `${boardId}/record`;

export type DocKind = 'board' | 'record';

export function parseDocKey(docKey: string): { boardId: string; kind: DocKind } {
  const [boardId = '', suffix] = docKey.split('/');
  return { boardId, kind: suffix === 'record' ? 'record' : 'board' };
}
