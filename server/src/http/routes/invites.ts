import type { IncomingMessage } from 'node:http';
import {
  CreateInviteRequest,
  type CreateInviteResponse,
  INVITE_CODE_PATTERN,
  type InviteInfoResponse,
} from '@common-ground/shared';
import { newInviteCode } from '../../auth/secrets';
import { toPartner } from '../../rooms/record';
import { type InviteRecord, inviteState, type Storage } from '../../storage/types';
import { authenticateForBoard } from '../auth';
import { parseInput, readJson } from '../body';
import type { AppDeps } from '../deps';
import { HttpError, sendJson } from '../respond';
import type { Router } from '../router';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_EXPIRY_DAYS = 30;

/** The invite behind `code` if it can still be used: 404 unknown, 410 expired or used up. */
export async function usableInvite(storage: Storage, code: string, now: number): Promise<InviteRecord> {
  const invite = INVITE_CODE_PATTERN.test(code) ? await storage.findInvite(code) : null;
  if (!invite) throw new HttpError(404, 'not_found', 'No such invite code');
  const state = inviteState(invite, now);
  if (state === 'expired') throw new HttpError(410, 'invite_expired', 'This invite has expired');
  if (state === 'used_up') throw new HttpError(410, 'invite_expired', 'This invite has been used up');
  return invite;
}

/** Invite links point at PUBLIC_URL when set (behind a proxy), else at the host the request came to. */
function origin(req: IncomingMessage, publicUrl: string | null): string {
  return publicUrl ?? `http://${req.headers.host ?? 'localhost'}`;
}

export function registerInviteRoutes(router: Router, { config, storage }: AppDeps): void {
  router.add('POST', '/api/boards/:boardId/invites', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    if (me.role !== 'facilitator') throw new HttpError(403, 'forbidden', 'Only the facilitator can invite');
    const body = parseInput(CreateInviteRequest, await readJson(req, config.limits.maxBodyBytes));
    const now = config.now();
    const invite: InviteRecord = {
      code: newInviteCode(),
      boardId,
      role: body.role,
      maxUses: body.maxUses ?? null,
      uses: 0,
      expiresAt: now + (body.expiresInDays ?? DEFAULT_EXPIRY_DAYS) * DAY_MS,
      createdBy: me.id,
      createdAt: now,
    };
    await storage.createInvite(invite);
    const response: CreateInviteResponse = {
      code: invite.code,
      url: `${origin(req, config.publicUrl)}/join/${invite.code}`,
      role: invite.role,
      expiresAt: invite.expiresAt,
    };
    sendJson(res, 201, response);
  });

  router.add('GET', '/api/invites/:code', async ({ res, params }) => {
    const invite = await usableInvite(storage, params.code ?? '', config.now());
    const board = await storage.getBoard(invite.boardId);
    if (!board) throw new HttpError(404, 'not_found', 'No such board');
    const response: InviteInfoResponse = {
      boardId: board.id,
      boardTitle: board.title,
      role: invite.role,
      partners: (await storage.listPartners(board.id)).map(toPartner),
    };
    sendJson(res, 200, response);
  });
}
