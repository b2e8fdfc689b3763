import type { IncomingMessage } from 'node:http';
import {
  type ConfirmMemberResponse,
  type ConfirmPartnerResponse,
  CreatePartnerRequest,
  type DeclinePartnerResponse,
  IdSchema,
  type Partner,
  randomId,
  writeRecordEntries,
} from '@common-ground/shared';
import { RecordProjector } from '../../rooms/projector';
import { membershipEntries, toParticipant, toPartner } from '../../rooms/record';
import type { ParticipantRecord, PartnerRecord, Storage } from '../../storage/types';
import { authenticateForBoard } from '../auth';
import { parseInput, readJson } from '../body';
import type { AppDeps } from '../deps';
import { HttpError, sendJson } from '../respond';
import type { Router } from '../router';

function idParam(params: Readonly<Record<string, string>>, name: string, what: string): string {
  const id = params[name] ?? '';
  if (!IdSchema.safeParse(id).success) throw new HttpError(404, 'not_found', `No such ${what} on this board`);
  return id;
}

/** The board's facilitator behind the request; 404 bad board id, 401 no or unknown token, 403 anyone else. */
async function facilitatorOf(req: IncomingMessage, storage: Storage, boardId: string, what: string) {
  const me = await authenticateForBoard(req, storage, boardId);
  if (me.role !== 'facilitator') throw new HttpError(403, 'forbidden', `Only the facilitator can ${what}`);
  return me;
}

/**
 * Who may confirm that someone belongs to `partnerId`: the facilitator, or a confirmed member of that very
 * organisation (they know their colleagues). partnerId on a record is only ever a confirmed membership, and an
 * observer never speaks for an organisation.
 */
function canConfirmMemberOf(me: ParticipantRecord, partnerId: string): boolean {
  return me.role === 'facilitator' || (me.role !== 'observer' && me.partnerId === partnerId);
}

async function confirmedPartner(storage: Storage, boardId: string, partnerId: string): Promise<Partner> {
  const partner = (await storage.listPartners(boardId)).find((p) => p.id === partnerId);
  if (!partner) throw new HttpError(404, 'not_found', 'No such partner on this board');
  return toPartner(partner);
}

/**
 * Organisations and their people: the facilitator creates, confirms or declines organisations; the facilitator or a
 * confirmed member confirms a person's claim. After each change the record document shows it, so the waiting phone
 * updates by itself.
 */
export function registerPartnerRoutes(router: Router, { config, storage, rooms, log }: AppDeps): void {
  const projector = new RecordProjector(rooms, log, 'a partner change');
  const project = (boardId: string) =>
    projector.project(boardId, async () => {
      const entries = await membershipEntries(storage, boardId);
      return (doc) => writeRecordEntries(doc, entries);
    });

  router.add('POST', '/api/boards/:boardId/partners', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    await facilitatorOf(req, storage, boardId, 'create a partner');
    const body = parseInput(CreatePartnerRequest, await readJson(req, config.limits.maxBodyBytes));
    const partner: PartnerRecord = { id: randomId(), boardId, ...body, createdAt: config.now() };
    await storage.createPartner(partner);
    await project(boardId);
    sendJson(res, 201, toPartner(partner));
  });

  router.add('POST', '/api/boards/:boardId/partners/:partnerId/confirm', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    await facilitatorOf(req, storage, boardId, 'confirm a partner');
    const partnerId = idParam(params, 'partnerId', 'partner');
    // Confirming twice (a double tap, two facilitators) is not an error: the organisation is confirmed either way.
    const result = await storage.confirmPartner(boardId, partnerId, config.now());
    if (result === 'not_found') throw new HttpError(404, 'not_found', 'No such partner on this board');
    await project(boardId);
    const response: ConfirmPartnerResponse = { partner: await confirmedPartner(storage, boardId, partnerId) };
    sendJson(res, 200, response);
  });

  router.add('POST', '/api/boards/:boardId/partners/:partnerId/decline', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    await facilitatorOf(req, storage, boardId, 'decline a partner');
    const partnerId = idParam(params, 'partnerId', 'partner');
    const result = await storage.declinePartner(boardId, partnerId, config.now());
    if (result === 'not_found')
      throw new HttpError(404, 'not_found', 'No such proposed partner on this board');
    if (result === 'confirmed') {
      throw new HttpError(
        409,
        'conflict',
        'This partner is confirmed already; only a proposal can be declined',
      );
    }
    await project(boardId);
    const response: DeclinePartnerResponse = { partnerId };
    sendJson(res, 200, response);
  });

  router.add(
    'POST',
    '/api/boards/:boardId/partners/:partnerId/members/:participantId/confirm',
    async ({ req, res, params }) => {
      const boardId = params.boardId ?? '';
      const me = await authenticateForBoard(req, storage, boardId);
      const partnerId = idParam(params, 'partnerId', 'partner');
      if (!canConfirmMemberOf(me, partnerId)) {
        throw new HttpError(
          403,
          'forbidden',
          'Only the facilitator or a confirmed member of this partner can confirm its members',
        );
      }
      const participantId = idParam(params, 'participantId', 'participant');
      const result = await storage.confirmMember(boardId, partnerId, participantId, config.now());
      if (result === 'not_found') {
        throw new HttpError(404, 'not_found', 'Nobody on this board waits to be confirmed for this partner');
      }
      await project(boardId);
      const person = (await storage.listParticipants(boardId)).find((p) => p.id === participantId);
      if (!person) throw new HttpError(404, 'not_found', 'No such participant on this board');
      const response: ConfirmMemberResponse = { participant: toParticipant(person) };
      sendJson(res, 200, response);
    },
  );
}
