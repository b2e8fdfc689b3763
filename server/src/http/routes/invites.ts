import type { IncomingMessage } from 'node:http';
import {
  CreateInviteRequest,
  type CreateInviteResponse,
  IdSchema,
  INVITE_CODE_PATTERN,
  type InviteInfoResponse,
  type InviteListResponse,
  type InviteSummary,
  randomId,
} from '@common-ground/shared';
import { hashToken, newInviteCode } from '../../auth/secrets';
import { toPartner } from '../../rooms/record';
import { type InviteRecord, inviteState, type NewInvite, type Storage } from '../../storage/types';
import { authenticateForBoard } from '../auth';
import { parseInput, readJson } from '../body';
import type { AppDeps } from '../deps';
import { HttpError, sendJson } from '../respond';
import type { Router } from '../router';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_EXPIRY_DAYS = 30;

/** The refusals of an invite that exists but cannot be used; shared with the join transaction's outcome. */
export const INVITE_REFUSALS = {
  revoked: () => new HttpError(410, 'invite_revoked', 'This invite has been revoked'),
  expired: () => new HttpError(410, 'invite_expired', 'This invite has expired'),
  used_up: () => new HttpError(410, 'invite_expired', 'This invite has been used up'),
} as const;

/**
 * The invite behind `code` if it can still be used: 404 unknown, 410 revoked, expired or used up. Storage knows
 * codes only by their hash (like tokens), so the code the caller has is hashed and looked up.
 */
export async function usableInvite(storage: Storage, code: string, now: number): Promise<InviteRecord> {
  const invite = INVITE_CODE_PATTERN.test(code) ? await storage.findInviteByCodeHash(hashToken(code)) : null;
  if (!invite) throw new HttpError(404, 'not_found', 'No such invite code');
  const state = inviteState(invite, now);
  if (state !== 'usable') throw INVITE_REFUSALS[state]();
  return invite;
}

/** Invite links point at PUBLIC_URL when set (behind a proxy), else at the host the request came to. */
function origin(req: IncomingMessage, publicUrl: string | null): string {
  return publicUrl ?? `http://${req.headers.host ?? 'localhost'}`;
}

const toSummary = (invite: InviteRecord, now: number): InviteSummary => ({
  id: invite.id,
  role: invite.role,
  status: inviteState(invite, now),
  createdBy: invite.createdBy,
  createdAt: invite.createdAt,
  expiresAt: invite.expiresAt,
  maxUses: invite.maxUses,
  uses: invite.uses,
  revokedAt: invite.revokedAt,
  revokedBy: invite.revokedBy,
  partnerId: invite.partnerId ?? null,
});

/** The board's facilitator behind the request: 404 bad board id, 401 no or unknown token, 403 anyone else. */
async function facilitatorOf(req: IncomingMessage, storage: Storage, boardId: string, what: string) {
  const me = await authenticateForBoard(req, storage, boardId);
  if (me.role !== 'facilitator') throw new HttpError(403, 'forbidden', `Only the facilitator can ${what}`);
  return me;
}

/**
 * The organisation an invite is for: only people (role partner) belong to one, and only to a confirmed one of this
 * board; 400 or 404 otherwise. null when the request names none.
 */
async function invitedPartner(
  storage: Storage,
  boardId: string,
  body: CreateInviteRequest,
): Promise<string | null> {
  if (body.partnerId === undefined) return null;
  if (body.role !== 'partner') {
    throw new HttpError(
      400,
      'invalid_input',
      'Invalid input: partnerId: only an invite for partners names one',
    );
  }
  const partners = await storage.listPartners(boardId);
  if (!partners.some((p) => p.id === body.partnerId)) {
    throw new HttpError(404, 'not_found', 'No such partner on this board');
  }
  return body.partnerId;
}

export function registerInviteRoutes(router: Router, { config, storage }: AppDeps): void {
  router.add('POST', '/api/boards/:boardId/invites', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    const me = await facilitatorOf(req, storage, boardId, 'invite');
    const body = parseInput(CreateInviteRequest, await readJson(req, config.limits.maxBodyBytes));
    const partnerId = await invitedPartner(storage, boardId, body);
    const now = config.now();
    const code = newInviteCode();
    const invite: NewInvite = {
      id: randomId(),
      codeHash: hashToken(code),
      boardId,
      role: body.role,
      maxUses: body.maxUses ?? null,
      uses: 0,
      expiresAt: now + (body.expiresInDays ?? DEFAULT_EXPIRY_DAYS) * DAY_MS,
      createdBy: me.id,
      createdAt: now,
      revokedAt: null,
      revokedBy: null,
      partnerId,
    };
    await storage.createInvite(invite);
    // The only time the code is shown: the server keeps its hash, so a lost link means a new invite.
    const response: CreateInviteResponse = {
      id: invite.id,
      code,
      url: `${origin(req, config.publicUrl)}/join/${code}`,
      role: invite.role,
      expiresAt: invite.expiresAt,
      partnerId,
    };
    sendJson(res, 201, response);
  });

  router.add('GET', '/api/boards/:boardId/invites', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    await facilitatorOf(req, storage, boardId, 'see the invites');
    const now = config.now();
    const response: InviteListResponse = {
      invites: (await storage.listInvites(boardId)).map((invite) => toSummary(invite, now)),
    };
    sendJson(res, 200, response);
  });

  router.add('POST', '/api/boards/:boardId/invites/:inviteId/revoke', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    const me = await facilitatorOf(req, storage, boardId, 'revoke invites');
    const inviteId = params.inviteId ?? '';
    const revoked = IdSchema.safeParse(inviteId).success
      ? await storage.revokeInvite(boardId, inviteId, me.id, config.now())
      : null;
    if (!revoked) throw new HttpError(404, 'not_found', 'No such invite on this board');
    sendJson(res, 200, toSummary(revoked, config.now()));
  });

  router.add('GET', '/api/invites/:code', async ({ res, params }) => {
    const invite = await usableInvite(storage, params.code ?? '', config.now());
    const board = await storage.getBoard(invite.boardId);
    if (!board) throw new HttpError(404, 'not_found', 'No such board');
    const partners = (await storage.listPartners(board.id)).map(toPartner);
    const response: InviteInfoResponse = {
      boardId: board.id,
      boardTitle: board.title,
      role: invite.role,
      partners,
      partner: partners.find((p) => p.id === invite.partnerId) ?? null,
    };
    sendJson(res, 200, response);
  });
}
