import { HealthResponse, ProcessReportResponse, ProcessResponse } from '@common-ground/shared/api';
import type { ProcessPhase } from '@common-ground/shared/schema';
import { request } from '../app/request';
import type { Locale } from '../i18n/languages';

const board = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}`;

/** The process path (the facilitator moves it), the health check and the process report. */
export const processApi = {
  move: (boardId: string, token: string, phase: ProcessPhase) =>
    request(ProcessResponse, `${board(boardId)}/process`, { method: 'PUT', body: { phase }, token }),
  health: (boardId: string, token: string) => request(HealthResponse, `${board(boardId)}/health`, { token }),
  report: (boardId: string, token: string) =>
    request(ProcessReportResponse, `${board(boardId)}/process-report?format=json`, { token }),
  /** The report as Markdown, written in `locale` (the reader's language). */
  reportMarkdownPath: (boardId: string, locale: Locale) =>
    `${board(boardId)}/process-report?format=md&lang=${encodeURIComponent(locale)}`,
};
