import { RetentionStatusResponse } from '@common-ground/shared/api';
import { request } from '../app/request';

/** The retention periods as they apply to the board (docs/api.md, "Retention"): facilitators only. */
export const retentionApi = {
  status: (boardId: string, token: string) =>
    request(RetentionStatusResponse, `/api/boards/${encodeURIComponent(boardId)}/retention`, { token }),
};
