import { BoardLifecycleResponse } from '@common-ground/shared/api';
import { request } from '../app/request';

const base = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}`;
const post = (action: string) => (boardId: string, token: string) =>
  request(BoardLifecycleResponse, `${base(boardId)}/${action}`, { method: 'POST', token });

/** Archiving and deleting the board (docs/api.md, "Archiving and deleting a board"). */
export const lifecycleApi = {
  get: (boardId: string, token: string) =>
    request(BoardLifecycleResponse, `${base(boardId)}/lifecycle`, { token }),
  archive: post('archive'),
  unarchive: post('unarchive'),
  scheduleDeletion: post('delete'),
  restoreDeletion: post('restore-deletion'),
};
