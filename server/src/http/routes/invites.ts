import type { IncomingMessage } from 'node:http';
import {
  CreateInviteRequest,
  CreateInviteResponse,
  IdSchema,
  InviteInfoResponse,
  InviteListResponse,
  InviteSummary,
} from '@common-ground/shared/api';
import { INVITE_CODE_PATTERN } from '@common-ground/shared/protocol';
import { randomId } from '@common-ground/shared/schema';
import { hashToken, newInviteCode } from '../../auth/secrets';
import { toPartner } from '../../rooms/record';
import { type InviteRecord, inviteState, type NewInvite, type Storage } from '../../storage/types';
import { authenticateForBoard } from '../auth';
import type { AppDeps } from '../deps';
import { linkOrigin } from '../linkOrigin';
import { HttpError } from '../respond';
import { type Router, route } from '../router';

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
export async function usableInvite(
  storage: Pick<Storage, 'accounts' | 'partners' | 'people'>,
  code: string,
  now: number,
): Promise<InviteRecord> {
  const invite = INVITE_CODE_PATTERN.test(code)
    ? await storage.accounts.findInviteByCodeHash(hashToken(code))
    : null;
  if (!invite) throw new HttpError(404, 'not_found', 'No such invite code');
  const state = inviteState(invite, now);
  if (state !== 'usable') throw INVITE_REFUSALS[state]();
  return invite;
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
async function facilitatorOf(
  req: IncomingMessage,
  storage: Pick<Storage, 'accounts' | 'partners' | 'people'>,
  boardId: string,
  what: string,
) {
  const me = await authenticateForBoard(req, storage, boardId);
  if (me.role !== 'facilitator') throw new HttpError(403, 'forbidden', `Only the facilitator can ${what}`);
  return me;
}

/**
 * The organisation an invite is for: only people (role partner) belong to one, and only to a confirmed one of this
 * board; 400 or 404 otherwise. null when the request names none.
 */
async function invitedPartner(
  storage: Pick<Storage, 'accounts' | 'partners' | 'people'>,
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
  const partners = await storage.partners.listPartners(boardId);
  if (!partners.some((p) => p.id === body.partnerId)) {
    throw new HttpError(404, 'not_found', 'No such partner on this board');
  }
  return body.partnerId;
}

const CREATE_INVITE = route('POST', '/api/boards/:boardId/invites', {
  summary: 'Create an invite link; its code is shown only in this answer',
  auth: 'facilitator',
  body: CreateInviteRequest,
  status: 201,
  response: CreateInviteResponse,
});
const LIST_INVITES = route('GET', '/api/boards/:boardId/invites', {
  summary: 'The board’s invites with their status',
  auth: 'facilitator',
  response: InviteListResponse,
});
const REVOKE_INVITE = route('POST', '/api/boards/:boardId/invites/:inviteId/revoke', {
  summary: 'Revoke an invite',
  auth: 'facilitator',
  response: InviteSummary,
});
const INVITE_INFO = route('GET', '/api/invites/:code', {
  summary: 'What an invite code leads to, for the join page',
  auth: 'none',
  response: InviteInfoResponse,
  errors: [404, 410],
});

export function registerInviteRoutes(router: Router, { config, storage }: AppDeps): void {
  router.add(CREATE_INVITE, async ({ req, params, body: readBody, send }) => {
    const boardId = params.boardId ?? '';
    const me = await facilitatorOf(req, storage, boardId, 'invite');
    const body = await readBody();
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
    await storage.accounts.createInvite(invite);
    // The only time the code is shown: the server keeps its hash, so a lost link means a new invite.
    send({
      id: invite.id,
      code,
      url: `${linkOrigin(req, config.publicUrl)}/join/${code}`,
      role: invite.role,
      expiresAt: invite.expiresAt,
      partnerId,
    });
  });

  router.add(LIST_INVITES, async ({ req, params, send }) => {
    const boardId = params.boardId ?? '';
    await facilitatorOf(req, storage, boardId, 'see the invites');
    const now = config.now();
    send({ invites: (await storage.accounts.listInvites(boardId)).map((invite) => toSummary(invite, now)) });
  });

  router.add(REVOKE_INVITE, async ({ req, params, send }) => {
    const boardId = params.boardId ?? '';
    const me = await facilitatorOf(req, storage, boardId, 'revoke invites');
    const inviteId = params.inviteId ?? '';
    const revoked = IdSchema.safeParse(inviteId).success
      ? await storage.accounts.revokeInvite(boardId, inviteId, me.id, config.now())
      : null;
    if (!revoked) throw new HttpError(404, 'not_found', 'No such invite on this board');
    send(toSummary(revoked, config.now()));
  });

  router.add(INVITE_INFO, async ({ params, send }) => {
    const invite = await usableInvite(storage, params.code ?? '', config.now());
    const board = await storage.accounts.getBoard(invite.boardId);
    if (!board) throw new HttpError(404, 'not_found', 'No such board');
    const partners = (await storage.partners.listPartners(board.id)).map(toPartner);
    send({
      boardId: board.id,
      boardTitle: board.title,
      role: invite.role,
      partners,
      partner: partners.find((p) => p.id === invite.partnerId) ?? null,
      // Shown under the operator's notice before the name is asked (GET /api/privacy has the operator's part).
      privacyNote: (await storage.accounts.getPrivacyNote(board.id))?.text ?? null,
    });
  });
}
