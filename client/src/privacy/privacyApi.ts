import { PrivacyNoteResponse } from '@common-ground/shared/api';
import { request } from '../app/request';

const notePath = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/privacy-note`;

/** The board's addition to the privacy notice (docs/api.md): every participant reads it, the facilitator writes it. */
export const privacyApi = {
  note: (boardId: string, token: string) => request(PrivacyNoteResponse, notePath(boardId), { token }),
  saveNote: (boardId: string, token: string, text: string) =>
    request(PrivacyNoteResponse, notePath(boardId), { method: 'PUT', token, body: { text } }),
};
