import { CreateBoardResponse, ImportBoardQuery } from '@common-ground/shared/api';
import { BOARD_ID_PATTERN } from '@common-ground/shared/protocol';
import { z } from 'zod';
import { ArchiveRefusal } from '../../archive/format';
import { BoardArchiveService } from '../../archive/service';
import { ArchiveCollision } from '../../storage/types';
import { authenticateForBoard } from '../auth';
import { readJson } from '../body';
import type { AppDeps } from '../deps';
import { linkOrigin } from '../linkOrigin';
import { TokenBuckets } from '../rateLimit';
import { HttpError } from '../respond';
import { type Router, route } from '../router';
import { requireCreateKey } from './boards';

/** The archive file as the API document shows it; its sections are described in docs/api.md. */
const BoardArchiveFileSchema = z.object({
  format: z.literal('common-ground-board-archive'),
  version: z.number().int(),
  source: z.string(),
  exportedAt: z.number().int(),
  boardId: z.string(),
  sections: z.object({ tables: z.record(z.string(), z.array(z.unknown())), documents: z.unknown() }),
  checksums: z.record(z.string(), z.string()),
});

const DOWNLOAD_ARCHIVE = route('GET', '/api/boards/:boardId/archive', {
  summary: 'The board’s full archive (tables, both documents’ logs and snapshots, checksums), as a file',
  auth: 'facilitator',
  response: BoardArchiveFileSchema,
});
const IMPORT_ARCHIVE = route('POST', '/api/boards/import', {
  summary:
    'Import a board archive from another server; the answer carries the chosen facilitator’s new token',
  auth: 'none',
  body: BoardArchiveFileSchema,
  query: ImportBoardQuery,
  status: 201,
  response: CreateBoardResponse,
  errors: [403, 409, 429],
});

const HOUR_MS = 60 * 60 * 1000;

const STATUS_OF_REFUSAL = {
  archive_invalid: 400,
  archive_version: 400,
  archive_checksum: 400,
  archive_inconsistent: 400,
  too_large: 413,
} as const;

export function registerBoardArchiveRoutes(
  router: Router,
  { config, storage, rooms, limiter, log }: AppDeps,
): void {
  const archives = new BoardArchiveService(
    storage,
    rooms,
    { maxDocBytes: config.limits.maxDocBytes },
    config.now,
  );
  // An import creates a board: limited like creating one (its own bucket of BOARD_CREATE_PER_HOUR per address).
  const imports = new TokenBuckets(config.boardCreation.perHour, config.now, HOUR_MS);

  router.add(DOWNLOAD_ARCHIVE, async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    if (me.role !== 'facilitator') {
      throw new HttpError(403, 'forbidden', 'Only a facilitator can download the board archive');
    }
    const file = await archives.exportBoard(boardId, linkOrigin(req, config.publicUrl));
    if (!file) throw new HttpError(404, 'not_found', 'No such board');
    const payload = JSON.stringify(file);
    const day = new Date(file.exportedAt).toISOString().slice(0, 10);
    res.writeHead(200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(payload),
      // The id is from BOARD_ID_PATTERN (letters, digits, _ and -): safe in the header as it is.
      'Content-Disposition': `attachment; filename="board-${BOARD_ID_PATTERN.test(boardId) ? boardId : 'archive'}-${day}.json"`,
      'Cache-Control': 'no-store',
    });
    res.end(payload);
  });

  router.add(IMPORT_ARCHIVE, async ({ req, res, query, send }) => {
    const retryAfter = imports.take(limiter.clientAddress(req));
    if (retryAfter > 0) {
      res.setHeader('Retry-After', String(retryAfter));
      throw new HttpError(429, 'rate_limited', 'Too many boards imported from this address; try again later');
    }
    requireCreateKey(req, config.boardCreation.key);
    const { facilitator } = query();
    // Its own body limit (MAX_ARCHIVE_BYTES): an archive carries whole logs; every other route keeps its small one.
    const value = await readJson(req, config.maxArchiveBytes);
    try {
      send(await archives.importArchive(value, facilitator));
    } catch (error) {
      if (error instanceof ArchiveRefusal) {
        log.warn('board archive refused', { code: error.code, reason: error.message });
        throw new HttpError(STATUS_OF_REFUSAL[error.code], error.code, error.message);
      }
      if (error instanceof ArchiveCollision) throw new HttpError(409, 'board_exists', error.message);
      throw error;
    }
  });
}
