import {
  FinaliseMinutesRequest,
  IdSchema,
  MinutesCommentRequest,
  MinutesMarkdownQuery,
  MinutesResponse,
  type Role,
  UpdateMinutesRequest,
} from '@common-ground/shared/api';
import { z } from 'zod';
import { EXPORT_TAGS } from '../../exports/catalogues';
import { exportText } from '../../exports/text';
import { minutesMarkdown } from '../../minutes/markdown';
import { authenticateForBoard } from '../auth';
import type { AppDeps } from '../deps';
import { exportFilename, exportLocale } from '../exportLanguage';
import { refusalsAsHttp } from '../refusals';
import { HttpError, sendMarkdown } from '../respond';
import { type Router, route } from '../router';

const PATH = '/api/boards/:boardId/meetings/:meetingId/minutes';

const GET = route('GET', PATH, {
  summary: 'The minutes of a meeting: a draft computed from the board, or the finalised (frozen) minutes',
  auth: 'participant',
  response: MinutesResponse,
  errors: [409],
});
const MARKDOWN = route('GET', `${PATH}.md`, {
  summary: 'The minutes of a meeting as a Markdown file in the requester’s language',
  auth: 'participant',
  query: MinutesMarkdownQuery,
  response: z.string(),
  markdown: true,
});
const UPDATE = route('PUT', PATH, {
  summary: 'Change the draft: attendance corrections, people without a device, next steps, notes',
  auth: 'facilitator',
  body: UpdateMinutesRequest,
  response: MinutesResponse,
  errors: [409],
});
const FINALISE = route('POST', `${PATH}/finalise`, {
  summary: 'Finalise the minutes: their content is frozen, by ids, and can no longer change',
  auth: 'facilitator',
  body: FinaliseMinutesRequest,
  response: MinutesResponse,
  errors: [409],
});
const COMMENT = route('POST', `${PATH}/comments`, {
  summary: 'Comment on the draft (facilitator and partners’ people; not observers)',
  auth: 'participant',
  body: MinutesCommentRequest,
  status: 201,
  response: MinutesResponse,
  errors: [409],
});

function meetingIdOf(params: Readonly<Record<string, string>>): string {
  const id = params.meetingId ?? '';
  if (!IdSchema.safeParse(id).success) throw new HttpError(404, 'not_found', 'No such meeting on this board');
  return id;
}

/** A partner is refused before the body is read (the service checks again). */
function mustFacilitate(role: Role): void {
  if (role !== 'facilitator')
    throw new HttpError(403, 'forbidden', 'Only the facilitator edits and finalises the minutes');
}

/** Minutes of meetings: every participant reads them, partners comment, the facilitator edits and finalises. */
export function registerMinutesRoutes(router: Router, { storage, minutes }: AppDeps): void {
  router.add(GET, async ({ req, params, send }) => {
    const boardId = params.boardId ?? '';
    await authenticateForBoard(req, storage, boardId);
    const meetingId = meetingIdOf(params);
    send(await refusalsAsHttp(() => minutes.read(boardId, meetingId)));
  });

  router.add(MARKDOWN, async ({ req, res, params, query }) => {
    const boardId = params.boardId ?? '';
    await authenticateForBoard(req, storage, boardId);
    const meetingId = meetingIdOf(params);
    const locale = exportLocale(query().lang, req);
    const read = await refusalsAsHttp(() => minutes.read(boardId, meetingId));
    const day = new Date(read.content.meeting.start).toISOString().slice(0, 10);
    sendMarkdown(
      res,
      exportFilename(`protokoll-${day}`, locale),
      minutesMarkdown(read, exportText(locale)),
      EXPORT_TAGS[locale],
    );
  });

  router.add(UPDATE, async ({ req, params, body, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    mustFacilitate(me.role);
    const meetingId = meetingIdOf(params);
    const change = await body();
    send(await refusalsAsHttp(() => minutes.update(boardId, me, meetingId, change)));
  });

  router.add(FINALISE, async ({ req, params, body, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    mustFacilitate(me.role);
    const meetingId = meetingIdOf(params);
    const request = await body();
    send(await refusalsAsHttp(() => minutes.finalise(boardId, me, meetingId, request)));
  });

  router.add(COMMENT, async ({ req, params, body, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    const meetingId = meetingIdOf(params);
    const request = await body();
    send(await refusalsAsHttp(() => minutes.comment(boardId, me, meetingId, request)));
  });
}
