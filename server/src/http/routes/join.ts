import { JoinRequest, JoinResponse } from '@common-ground/shared/api';
import { randomId, writeRecordEntries } from '@common-ground/shared/schema';
import { PARTICIPANT_COLORS } from '../../auth/colors';
import { hashToken, newToken } from '../../auth/secrets';
import { recordDocKey } from '../../rooms/docKeys';
import { membershipEntries } from '../../rooms/record';
import type { InviteRecord, JoinFailure, JoinPartner } from '../../storage/types';
import type { AppDeps } from '../deps';
import { HttpError } from '../respond';
import { type Router, route } from '../router';
import { INVITE_REFUSALS, usableInvite } from './invites';

const FAILURES: Record<JoinFailure, () => HttpError> = {
  invite_not_found: () => new HttpError(404, 'not_found', 'No such invite code'),
  // A facilitator revoked it, or another join took the last use, between the preview check and the transaction.
  invite_revoked: INVITE_REFUSALS.revoked,
  invite_expired: INVITE_REFUSALS.expired,
  invite_used_up: INVITE_REFUSALS.used_up,
  partner_not_found: () => new HttpError(404, 'not_found', 'No such partner on this board'),
  // The route refuses these before the transaction; this covers an invite it read differently (never expected).
  partner_fixed: () =>
    new HttpError(400, 'invalid_input', 'Invalid input: partner: not allowed with this invite'),
};

/**
 * What the invite allows the body to say about an organisation, before anything is stored: observers never
 * belong to one, a partner needs one unless the invite names it, and an invite that names one admits no other.
 */
function checkPartnerChoice(invite: InviteRecord, body: JoinRequest): void {
  const named = body.partner !== undefined || body.partnerId !== undefined;
  const refuse = (why: string) => new HttpError(400, 'invalid_input', `Invalid input: partner: ${why}`);
  if (invite.role === 'observer' && named) throw refuse('observers do not belong to an organisation');
  const fixed = invite.partnerId ?? null;
  if (fixed !== null) {
    if (body.partner || (body.partnerId !== undefined && body.partnerId !== fixed)) {
      throw refuse('this invite is for one organisation; leave partner and partnerId out');
    }
    return;
  }
  if (invite.role === 'partner' && !named) throw refuse('the partner role needs partner or partnerId');
}

const JOIN = route('POST', '/api/join', {
  summary: 'Join a board with an invite code; the answer carries the new participant’s token',
  auth: 'none',
  body: JoinRequest,
  status: 201,
  response: JoinResponse,
  errors: [404, 409, 410],
});

export function registerJoinRoutes(
  router: Router,
  { config, storage, rooms, log, lifecycle }: AppDeps,
): void {
  router.add(JOIN, async ({ body: readBody, send }) => {
    const body = await readBody();
    const now = config.now();
    const invite = await usableInvite(storage, body.code, now);
    checkPartnerChoice(invite, body);
    // Nobody new comes onto an archived board, or one waiting for its deletion.
    if (await lifecycle.isReadOnly(invite.boardId)) {
      throw new HttpError(409, 'board_archived', 'The board is archived: nobody can join it now');
    }
    const partner: JoinPartner = body.partner
      ? { type: 'new', partner: { id: randomId(), ...body.partner } }
      : body.partnerId
        ? { type: 'existing', partnerId: body.partnerId }
        : { type: 'none' };
    const token = newToken();
    const result = await storage.accounts.join({
      codeHash: hashToken(body.code),
      now,
      participant: { id: randomId(), name: body.name, tokenHash: hashToken(token) },
      partner,
      colors: PARTICIPANT_COLORS,
    });
    if (!result.ok) throw FAILURES[result.reason]();
    try {
      const entries = await membershipEntries(storage, result.boardId);
      await rooms.mutate(recordDocKey(result.boardId), (doc) => writeRecordEntries(doc, entries));
    } catch (error) {
      // The join is committed; the record document catches up from storage when it is next loaded.
      log.error('record document not updated after join', { boardId: result.boardId, error });
    }
    send({
      boardId: result.boardId,
      participantId: result.participant.id,
      token,
      role: result.participant.role,
      partnerId: result.participant.partnerId,
      pendingPartnerId: result.participant.pendingPartnerId ?? null,
    });
  });
}
