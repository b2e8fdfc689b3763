import {
  HealthResponse,
  ProcessReportQuery,
  ProcessReportResponse,
  ProcessRequest,
  ProcessResponse,
} from '@common-ground/shared/api';
import { EXPORT_TAGS } from '../../exports/catalogues';
import { exportText } from '../../exports/text';
import { boardHealth, type HealthDeps } from '../../process/health';
import { buildProcessReport } from '../../process/report';
import { processReportMarkdown } from '../../process/reportMarkdown';
import { authenticateForBoard } from '../auth';
import type { AppDeps } from '../deps';
import { exportFilename, exportLocale } from '../exportLanguage';
import { HttpError, sendMarkdown } from '../respond';
import { type Router, route } from '../router';

const onlyFacilitator = (role: string, what: string) => {
  if (role !== 'facilitator') throw new HttpError(403, 'forbidden', `Only the facilitator ${what}`);
};

const PROCESS = route('GET', '/api/boards/:boardId/process', {
  summary: 'Where the board is on its process path',
  auth: 'participant',
  response: ProcessResponse,
});
const MOVE_PROCESS = route('PUT', '/api/boards/:boardId/process', {
  summary: 'Move the board to another phase of its path',
  auth: 'facilitator',
  body: ProcessRequest,
  response: ProcessResponse,
});
const BOARD_HEALTH = route('GET', '/api/boards/:boardId/health', {
  summary: 'The health check: figures per principle of good cooperation',
  auth: 'participant',
  response: HealthResponse,
});
const PROCESS_REPORT = route('GET', '/api/boards/:boardId/process-report', {
  summary: "The process report, e.g. for a funder (JSON, or Markdown in the requester's language)",
  auth: 'facilitator',
  query: ProcessReportQuery,
  response: ProcessReportResponse,
  markdown: true,
});

/** The process path (facilitator moves it, everyone reads it), the health check and the process report. */
export function registerProcessRoutes(router: Router, deps: AppDeps): void {
  const { config, storage, rooms, activity, sessions, process } = deps;
  const health: HealthDeps = { storage, rooms, activity, sessions, now: config.now };

  router.add(PROCESS, async ({ req, params, send }) => {
    const boardId = params.boardId ?? '';
    await authenticateForBoard(req, storage, boardId);
    send(await process.read(boardId));
  });

  router.add(MOVE_PROCESS, async ({ req, params, body, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    // The role is checked before the body is read, like every facilitator-only change.
    onlyFacilitator(me.role, 'moves the board along its path');
    const { phase } = await body();
    send(await process.move(boardId, me, phase));
  });

  router.add(BOARD_HEALTH, async ({ req, params, send }) => {
    const boardId = params.boardId ?? '';
    await authenticateForBoard(req, storage, boardId);
    send(await boardHealth(health, boardId));
  });

  router.add(PROCESS_REPORT, async ({ req, res, params, query, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    onlyFacilitator(me.role, 'exports the process report');
    const { format, lang } = query();
    const report = await buildProcessReport(health, boardId, await process.read(boardId));
    if (format === 'json') {
      send(report);
      return;
    }
    const locale = exportLocale(lang, req);
    sendMarkdown(
      res,
      exportFilename('prozessbericht', locale),
      processReportMarkdown(report, exportText(locale)),
      EXPORT_TAGS[locale],
    );
  });
}
