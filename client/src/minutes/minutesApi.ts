import {
  type FinaliseMinutesRequest,
  type MinutesCommentRequest,
  MinutesResponse,
  type UpdateMinutesRequest,
} from '@common-ground/shared/api';
import { request, send } from '../app/request';
import type { Locale } from '../i18n/languages';

const base = (boardId: string, meetingId: string) =>
  `/api/boards/${encodeURIComponent(boardId)}/meetings/${encodeURIComponent(meetingId)}/minutes`;

/** The minutes endpoints (docs/api.md, "Minutes"). */
export const minutesApi = {
  get: (boardId: string, token: string, meetingId: string) =>
    request(MinutesResponse, base(boardId, meetingId), { token }),
  update: (boardId: string, token: string, meetingId: string, body: UpdateMinutesRequest) =>
    request(MinutesResponse, base(boardId, meetingId), { method: 'PUT', token, body }),
  finalise: (boardId: string, token: string, meetingId: string, body: FinaliseMinutesRequest) =>
    request(MinutesResponse, `${base(boardId, meetingId)}/finalise`, { method: 'POST', token, body }),
  comment: (boardId: string, token: string, meetingId: string, body: MinutesCommentRequest) =>
    request(MinutesResponse, `${base(boardId, meetingId)}/comments`, { method: 'POST', token, body }),
  /** The minutes as Markdown, written in `locale` (the reader's language). */
  markdown: async (boardId: string, token: string, meetingId: string, locale: Locale): Promise<Blob> =>
    (await send(`${base(boardId, meetingId)}.md?lang=${encodeURIComponent(locale)}`, { token })).blob(),
};

/**
 * An id for a guest or a next step, made on this device. From getRandomValues, not randomUUID: the latter exists
 * only on https pages, and a neighbourhood centre may run the board on plain http in its own network.
 */
export function newMinutesId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return Array.from(bytes, (b) => alphabet[b & 63]).join('');
}
