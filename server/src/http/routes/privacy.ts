import {
  PrivacyInfoResponse,
  PrivacyNoteResponse,
  UpdatePrivacyNoteRequest,
} from '@common-ground/shared/api';
import type { PrivacyNoteRecord } from '../../storage/types';
import { authenticateForBoard } from '../auth';
import type { AppDeps } from '../deps';
import { HttpError } from '../respond';
import { type Router, route } from '../router';

const PRIVACY_INFO = route('GET', '/api/privacy', {
  summary: 'Who is responsible for the data, the imprint and the accessibility statement (before joining)',
  auth: 'none',
  response: PrivacyInfoResponse,
});
const PRIVACY_NOTE = route('GET', '/api/boards/:boardId/privacy-note', {
  summary: 'The facilitator’s addition to the privacy notice',
  auth: 'participant',
  response: PrivacyNoteResponse,
});
const CHANGE_PRIVACY_NOTE = route('PUT', '/api/boards/:boardId/privacy-note', {
  summary: 'Write, change or (with an empty text) remove the board’s addition to the privacy notice',
  auth: 'facilitator',
  body: UpdatePrivacyNoteRequest,
  response: PrivacyNoteResponse,
});

const toResponse = (note: PrivacyNoteRecord | null): PrivacyNoteResponse =>
  note ?? { text: '', updatedBy: null, updatedAt: null };

/** The privacy notice's data: the operator's settings (public) and each board's note (docs/privacy.md). */
export function registerPrivacyRoutes(router: Router, { config, storage }: AppDeps): void {
  router.add(PRIVACY_INFO, async ({ send }) => {
    send({ ...config.privacy, retentionMonths: config.retention.inactiveMonths });
  });

  router.add(PRIVACY_NOTE, async ({ req, params, send }) => {
    const boardId = params.boardId ?? '';
    await authenticateForBoard(req, storage, boardId);
    send(toResponse(await storage.accounts.getPrivacyNote(boardId)));
  });

  router.add(CHANGE_PRIVACY_NOTE, async ({ req, params, body, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    // The role before the body: whoever may not write the note learns nothing from its validation.
    if (me.role !== 'facilitator') {
      throw new HttpError(403, 'forbidden', 'Only the facilitator writes the board’s privacy note');
    }
    const { text } = await body();
    const note: PrivacyNoteRecord = { text, updatedBy: me.id, updatedAt: config.now() };
    await storage.accounts.setPrivacyNote(boardId, note);
    send(toResponse(text === '' ? null : note));
  });
}
