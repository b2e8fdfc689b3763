import type { IncomingMessage } from 'node:http';
import {
  ConfirmMemberResponse,
  ConfirmPartnerResponse,
  CreatePartnerRequest,
  DeclinePartnerResponse,
  IdSchema,
  type Partner,
  PartnerSchema,
} from '@common-ground/shared/api';
import { randomId, writeRecordEntries } from '@common-ground/shared/schema';
import { membershipEntries, toParticipant, toPartner } from '../../rooms/record';
import type { ParticipantRecord, PartnerRecord, Storage } from '../../storage/types';
import { authenticateForBoard } from '../auth';
import type { AppDeps } from '../deps';
import { HttpError } from '../respond';
import { type Router, route } from '../router';

function idParam(params: Readonly<Record<string, string>>, name: string, what: string): string {
  const id = params[name] ?? '';
  if (!IdSchema.safeParse(id).success) throw new HttpError(404, 'not_found', `No such ${what} on this board`);
  return id;
}

/** The board's facilitator behind the request; 404 bad board id, 401 no or unknown token, 403 anyone else. */
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
 * Who may confirm that someone belongs to `partnerId`: the facilitator, or a confirmed member of that very
 * organisation (they know their colleagues). partnerId on a record is only ever a confirmed membership, and an
 * observer never speaks for an organisation.
 */
function canConfirmMemberOf(me: ParticipantRecord, partnerId: string): boolean {
  return me.role === 'facilitator' || (me.role !== 'observer' && me.partnerId === partnerId);
}

async function confirmedPartner(
  storage: Pick<Storage, 'accounts' | 'partners' | 'people'>,
  boardId: string,
  partnerId: string,
): Promise<Partner> {
  const partner = (await storage.partners.listPartners(boardId)).find((p) => p.id === partnerId);
  if (!partner) throw new HttpError(404, 'not_found', 'No such partner on this board');
  return toPartner(partner);
}

const CREATE_PARTNER = route('POST', '/api/boards/:boardId/partners', {
  summary: 'Create a confirmed partner organisation',
  auth: 'facilitator',
  body: CreatePartnerRequest,
  status: 201,
  response: PartnerSchema,
});
const CONFIRM_PARTNER = route('POST', '/api/boards/:boardId/partners/:partnerId/confirm', {
  summary: 'Confirm an organisation someone proposed when joining',
  auth: 'facilitator',
  response: ConfirmPartnerResponse,
});
const DECLINE_PARTNER = route('POST', '/api/boards/:boardId/partners/:partnerId/decline', {
  summary: 'Decline a proposed organisation',
  auth: 'facilitator',
  response: DeclinePartnerResponse,
  errors: [409],
});
const CONFIRM_MEMBER = route(
  'POST',
  '/api/boards/:boardId/partners/:partnerId/members/:participantId/confirm',
  {
    summary: 'Confirm that a person belongs to a partner (the facilitator or a confirmed member of it)',
    auth: 'participant',
    response: ConfirmMemberResponse,
  },
);

/**
 * Organisations and their people: the facilitator creates, confirms or declines organisations; the facilitator or a
 * confirmed member confirms a person's claim. After each change the record document shows it, so the waiting phone
 * updates by itself.
 */
export function registerPartnerRoutes(
  router: Router,
  { config, storage, projector: records }: AppDeps,
): void {
  const projector = records.for('a partner change');
  const project = (boardId: string) =>
    projector.project(boardId, async () => {
      const entries = await membershipEntries(storage, boardId);
      return (doc) => writeRecordEntries(doc, entries);
    });

  router.add(CREATE_PARTNER, async ({ req, params, body: readBody, send }) => {
    const boardId = params.boardId ?? '';
    await facilitatorOf(req, storage, boardId, 'create a partner');
    const body = await readBody();
    const partner: PartnerRecord = { id: randomId(), boardId, ...body, createdAt: config.now() };
    await storage.partners.createPartner(partner);
    await project(boardId);
    send(toPartner(partner));
  });

  router.add(CONFIRM_PARTNER, async ({ req, params, send }) => {
    const boardId = params.boardId ?? '';
    await facilitatorOf(req, storage, boardId, 'confirm a partner');
    const partnerId = idParam(params, 'partnerId', 'partner');
    // Confirming twice (a double tap, two facilitators) is not an error: the organisation is confirmed either way.
    const result = await storage.partners.confirmPartner(boardId, partnerId, config.now());
    if (result === 'not_found') throw new HttpError(404, 'not_found', 'No such partner on this board');
    await project(boardId);
    send({ partner: await confirmedPartner(storage, boardId, partnerId) });
  });

  router.add(DECLINE_PARTNER, async ({ req, params, send }) => {
    const boardId = params.boardId ?? '';
    await facilitatorOf(req, storage, boardId, 'decline a partner');
    const partnerId = idParam(params, 'partnerId', 'partner');
    const result = await storage.partners.declinePartner(boardId, partnerId, config.now());
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
    send({ partnerId });
  });

  router.add(CONFIRM_MEMBER, async ({ req, params, send }) => {
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
    const result = await storage.partners.confirmMember(boardId, partnerId, participantId, config.now());
    if (result === 'not_found') {
      throw new HttpError(404, 'not_found', 'Nobody on this board waits to be confirmed for this partner');
    }
    await project(boardId);
    const person = (await storage.accounts.listParticipants(boardId)).find((p) => p.id === participantId);
    if (!person) throw new HttpError(404, 'not_found', 'No such participant on this board');
    send({ participant: toParticipant(person) });
  });
}
