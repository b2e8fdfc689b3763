import { JoinRequest, type JoinResponse, randomId, writeRecordEntries } from '@common-ground/shared';
import { colorForIndex } from '../../auth/colors';
import { hashToken, newToken } from '../../auth/secrets';
import { recordDocKey } from '../../rooms/docKeys';
import { toParticipant, toPartner } from '../../rooms/record';
import type { JoinFailure, JoinPartner } from '../../storage/types';
import { parseInput, readJson } from '../body';
import type { AppDeps } from '../deps';
import { HttpError, sendJson } from '../respond';
import type { Router } from '../router';
import { usableInvite } from './invites';

const FAILURES: Record<JoinFailure, () => HttpError> = {
  invite_not_found: () => new HttpError(404, 'not_found', 'No such invite code'),
  invite_expired: () => new HttpError(410, 'invite_expired', 'This invite has expired'),
  // Another join took the last use between the preview check and the transaction.
  invite_used_up: () => new HttpError(410, 'invite_expired', 'This invite has been used up'),
  partner_not_found: () => new HttpError(404, 'not_found', 'No such partner on this board'),
};

export function registerJoinRoutes(router: Router, { config, storage, rooms, log }: AppDeps): void {
  router.add('POST', '/api/join', async ({ req, res }) => {
    const body = parseInput(JoinRequest, await readJson(req, config.limits.maxBodyBytes));
    const now = config.now();
    const invite = await usableInvite(storage, body.code, now);
    if (invite.role === 'partner' && !body.partner && !body.partnerId) {
      throw new HttpError(
        400,
        'invalid_input',
        'Invalid input: partner: the partner role needs partner or partnerId',
      );
    }
    const partner: JoinPartner = body.partner
      ? { type: 'new', partner: { id: randomId(), ...body.partner } }
      : body.partnerId
        ? { type: 'existing', partnerId: body.partnerId }
        : { type: 'none' };
    const token = newToken();
    const result = await storage.join({
      code: body.code,
      now,
      participant: { id: randomId(), name: body.name, tokenHash: hashToken(token) },
      partner,
      colorFor: colorForIndex,
    });
    if (!result.ok) throw FAILURES[result.reason]();
    try {
      await rooms.mutate(recordDocKey(result.boardId), (doc) =>
        writeRecordEntries(doc, {
          partners: result.createdPartner ? [toPartner(result.createdPartner)] : [],
          participants: [toParticipant(result.participant)],
        }),
      );
    } catch (error) {
      // The join is committed; the record document catches up from storage when it is next loaded.
      log.error('record document not updated after join', { boardId: result.boardId, error });
    }
    const response: JoinResponse = {
      boardId: result.boardId,
      participantId: result.participant.id,
      token,
      role: result.participant.role,
    };
    sendJson(res, 201, response);
  });
}
