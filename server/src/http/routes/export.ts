import { AgreementQuery } from '@common-ground/shared';
import { buildAgreement } from '../../rounds/agreement';
import { agreementMarkdown } from '../../rounds/agreementMarkdown';
import { authenticateForBoard } from '../auth';
import { parseInput } from '../body';
import type { AppDeps } from '../deps';
import { sendJson } from '../respond';
import type { Router } from '../router';

export function registerExportRoutes(router: Router, { config, storage, rooms }: AppDeps): void {
  router.add('GET', '/api/boards/:boardId/export', async ({ req, res, url, params }) => {
    const boardId = params.boardId ?? '';
    await authenticateForBoard(req, storage, boardId);
    const { format } = parseInput(AgreementQuery, {
      format: url.searchParams.get('format') ?? undefined,
    });
    const agreement = await buildAgreement(storage, rooms, boardId, config.now());
    if (format === 'json') {
      sendJson(res, 200, agreement);
      return;
    }
    const markdown = agreementMarkdown(agreement);
    res.writeHead(200, {
      'Content-Type': 'text/markdown; charset=utf-8',
      'Content-Length': Buffer.byteLength(markdown),
      'Content-Disposition': 'inline; filename="kooperationsvereinbarung.md"',
      'Cache-Control': 'no-store',
    });
    res.end(markdown);
  });
}
