import { ProcessReportQuery, ProcessRequest } from '@common-ground/shared';
import type { ActivityService } from '../../activity/service';
import { boardHealth, type HealthDeps } from '../../process/health';
import { buildProcessReport } from '../../process/report';
import { processReportMarkdown } from '../../process/reportMarkdown';
import { ProcessService } from '../../process/service';
import { SessionLog } from '../../process/sessionLog';
import { authenticateForBoard } from '../auth';
import { parseInput, readJson } from '../body';
import type { AppDeps } from '../deps';
import { HttpError, sendJson } from '../respond';
import type { Router } from '../router';

const onlyFacilitator = (role: string, what: string) => {
  if (role !== 'facilitator') throw new HttpError(403, 'forbidden', `Only the facilitator ${what}`);
};

/** The process path (facilitator moves it, everyone reads it), the health check and the process report. */
export function registerProcessRoutes(router: Router, deps: AppDeps, activity: ActivityService): void {
  const { config, storage, rooms } = deps;
  const process = new ProcessService({ rooms, storage, now: config.now });
  const health: HealthDeps = { storage, rooms, activity, sessions: new SessionLog(storage), now: config.now };

  router.add('GET', '/api/boards/:boardId/process', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    await authenticateForBoard(req, storage, boardId);
    sendJson(res, 200, await process.read(boardId));
  });

  router.add('PUT', '/api/boards/:boardId/process', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    // The role is checked before the body is read, like every facilitator-only change.
    onlyFacilitator(me.role, 'moves the board along its path');
    const { phase } = parseInput(ProcessRequest, await readJson(req, config.limits.maxBodyBytes));
    sendJson(res, 200, await process.move(boardId, me, phase));
  });

  router.add('GET', '/api/boards/:boardId/health', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    await authenticateForBoard(req, storage, boardId);
    sendJson(res, 200, await boardHealth(health, boardId));
  });

  router.add('GET', '/api/boards/:boardId/process-report', async ({ req, res, url, params }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    onlyFacilitator(me.role, 'exports the process report');
    const { format } = parseInput(ProcessReportQuery, {
      format: url.searchParams.get('format') ?? undefined,
    });
    const report = await buildProcessReport(health, boardId, await process.read(boardId));
    if (format === 'json') {
      sendJson(res, 200, report);
      return;
    }
    const markdown = processReportMarkdown(report);
    res.writeHead(200, {
      'Content-Type': 'text/markdown; charset=utf-8',
      'Content-Length': Buffer.byteLength(markdown),
      'Content-Disposition': 'inline; filename="prozessbericht.md"',
      'Cache-Control': 'no-store',
    });
    res.end(markdown);
  });
}
