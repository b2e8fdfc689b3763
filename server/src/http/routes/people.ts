import type { IncomingMessage } from 'node:http';
import {
  ChangeRoleRequest,
  CloseCode,
  IdSchema,
  type PeopleResponse,
  type Person,
  RedeemDeviceLinkRequest,
  type RedeemDeviceLinkResponse,
  writeRecordEntries,
} from '@common-ground/shared';
import { issueDeviceLink } from '../../auth/deviceLinks';
import { hashToken, newToken } from '../../auth/secrets';
import { recordDocKey } from '../../rooms/docKeys';
import { membershipEntries } from '../../rooms/record';
import type { ParticipantRecord, PeopleChange, PersonRecord, Storage } from '../../storage/types';
import { participantSockets } from '../../ws/participantSockets';
import { authenticateForBoard } from '../auth';
import { parseInput, readJson } from '../body';
import type { AppDeps } from '../deps';
import { HttpError, sendJson } from '../respond';
import type { Router } from '../router';

const LAST_FACILITATOR_MESSAGE =
  'A board keeps at least one facilitator who can moderate: make someone else facilitator first';

/** The board's facilitator behind the request: 404 bad board id, 401 no or unknown token, 403 anyone else. */
async function facilitatorOf(
  req: IncomingMessage,
  storage: Storage,
  boardId: string,
): Promise<ParticipantRecord> {
  const me = await authenticateForBoard(req, storage, boardId);
  if (me.role !== 'facilitator')
    throw new HttpError(403, 'forbidden', 'Only a facilitator can manage people');
  return me;
}

/** The participant a change names; ids that cannot be ids are simply not found. */
const participantIdOf = (params: Readonly<Record<string, string>>): string => {
  const id = params.participantId ?? '';
  if (!IdSchema.safeParse(id).success) throw new HttpError(404, 'not_found', 'No such person on this board');
  return id;
};

function changed(change: PeopleChange): ParticipantRecord {
  if (change.ok) return change.participant;
  if (change.reason === 'last_facilitator') {
    throw new HttpError(409, 'last_facilitator', LAST_FACILITATOR_MESSAGE);
  }
  if (change.reason === 'needs_partner') {
    throw new HttpError(
      409,
      'conflict',
      'A partner speaks for an organisation: invite them with a partner invite',
    );
  }
  throw new HttpError(404, 'not_found', 'No such person on this board');
}

/** Links point at PUBLIC_URL when set (behind a proxy), else at the host the request came to (as invites do). */
const originOf = (req: IncomingMessage, publicUrl: string | null): string =>
  publicUrl ?? `http://${req.headers.host ?? 'localhost'}`;

/** The bearer token the request authenticated with (authenticate has checked it is there). */
const bearerOf = (req: IncomingMessage): string =>
  /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';

export function registerPeopleRoutes(router: Router, { config, storage, rooms, log }: AppDeps): void {
  const sockets = participantSockets(rooms);

  const toPerson = (record: PersonRecord, partnerNames: ReadonlyMap<string, string>): Person => ({
    id: record.participant.id,
    name: record.participant.name,
    role: record.participant.role,
    partnerId: record.participant.partnerId,
    partnerName: record.participant.partnerId
      ? (partnerNames.get(record.participant.partnerId) ?? null)
      : null,
    devices: record.devices,
    lastSeenAt: record.lastSeenAt,
    online: record.removedAt === null && sockets.isOnline(record.participant.id),
    removedAt: record.removedAt,
  });

  const people = async (boardId: string): Promise<Person[]> => {
    const [records, partners] = await Promise.all([
      storage.listPeople(boardId),
      storage.listPartners(boardId),
    ]);
    const names = new Map(partners.map((partner) => [partner.id, partner.name]));
    return records.map((record) => toPerson(record, names));
  };

  const personOf = async (boardId: string, participantId: string): Promise<Person> => {
    const person = (await people(boardId)).find((p) => p.id === participantId);
    if (!person) throw new HttpError(404, 'not_found', 'No such person on this board');
    return person;
  };

  /** Names and roles in the record follow storage; if this fails, the record catches up on its next load. */
  const refreshRecord = async (boardId: string): Promise<void> => {
    try {
      const entries = await membershipEntries(storage, boardId);
      await rooms.mutate(recordDocKey(boardId), (doc) => writeRecordEntries(doc, entries));
    } catch (error) {
      log.error('record document not updated after a change of people', { boardId, error });
    }
  };

  router.add('GET', '/api/boards/:boardId/people', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    await facilitatorOf(req, storage, boardId);
    const response: PeopleResponse = { people: await people(boardId) };
    sendJson(res, 200, response);
  });

  router.add('POST', '/api/boards/:boardId/people/:participantId/role', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    await facilitatorOf(req, storage, boardId);
    const participantId = participantIdOf(params);
    const { role } = parseInput(ChangeRoleRequest, await readJson(req, config.limits.maxBodyBytes));
    changed(await storage.changeRole(boardId, participantId, role));
    // An open socket keeps the role it was accepted with (an observer's may not write): reconnecting takes the new
    // one. GoingAway is not final, so the client reconnects by itself.
    sockets.closeAll(participantId, CloseCode.GoingAway, 'Role changed');
    await refreshRecord(boardId);
    sendJson(res, 200, await personOf(boardId, participantId));
  });

  router.add('POST', '/api/boards/:boardId/people/:participantId/remove', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    const me = await facilitatorOf(req, storage, boardId);
    const participantId = participantIdOf(params);
    changed(await storage.removeParticipant(boardId, participantId, me.id, config.now()));
    // Their tokens are gone already; the devices still open learn it now, and forget the board (4401 is final).
    sockets.closeAll(participantId, CloseCode.AccessEnded, 'Removed from the board');
    await refreshRecord(boardId);
    sendJson(res, 200, await personOf(boardId, participantId));
  });

  router.add('POST', '/api/boards/:boardId/people/:participantId/reentry', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    const me = await facilitatorOf(req, storage, boardId);
    const participantId = participantIdOf(params);
    // Ending one's own devices would lock out the very person asking; moving oneself is what device links are for.
    if (participantId === me.id)
      throw new HttpError(409, 'conflict', 'Use a device link to move your own access');
    const link = await issueDeviceLink(storage, {
      boardId,
      participantId,
      kind: 'reentry',
      createdBy: me.id,
      origin: originOf(req, config.publicUrl),
      now: config.now(),
    });
    if (!link) throw new HttpError(404, 'not_found', 'No such person on this board');
    sockets.closeAll(participantId, CloseCode.AccessEnded, 'Access moved to a new device');
    sendJson(res, 201, link);
  });

  router.add('POST', '/api/boards/:boardId/device-links', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    const link = await issueDeviceLink(storage, {
      boardId,
      participantId: me.id,
      kind: 'device',
      createdBy: me.id,
      origin: originOf(req, config.publicUrl),
      now: config.now(),
    });
    if (!link) throw new HttpError(404, 'not_found', 'No such person on this board');
    sendJson(res, 201, link);
  });

  router.add('POST', '/api/boards/:boardId/leave', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    changed(await storage.leaveDevice(boardId, me.id, hashToken(bearerOf(req))));
    sendJson(res, 200, { left: true });
  });

  router.add('POST', '/api/device-links/redeem', async ({ req, res }) => {
    const { code } = parseInput(RedeemDeviceLinkRequest, await readJson(req, config.limits.maxBodyBytes));
    const token = newToken();
    const result = await storage.redeemDeviceLink(hashToken(code), hashToken(token), config.now());
    if (!result.ok) {
      if (result.reason === 'used') throw new HttpError(410, 'link_used', 'This link has been used already');
      if (result.reason === 'expired') throw new HttpError(410, 'link_expired', 'This link has expired');
      throw new HttpError(404, 'not_found', 'No such link');
    }
    const { participant } = result;
    const board = await storage.getBoard(participant.boardId);
    const response: RedeemDeviceLinkResponse = {
      boardId: participant.boardId,
      boardTitle: board?.title ?? '',
      participantId: participant.id,
      name: participant.name,
      token,
      role: participant.role,
    };
    sendJson(res, 201, response);
  });
}
