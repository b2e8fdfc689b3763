import type { IncomingMessage } from 'node:http';
import {
  ChangeRoleRequest,
  DeviceLinkResponse,
  IdSchema,
  LeaveResponse,
  PeopleResponse,
  type Person,
  PersonSchema,
  RedeemDeviceLinkRequest,
  RedeemDeviceLinkResponse,
} from '@common-ground/shared/api';
import { CloseCode } from '@common-ground/shared/protocol';
import { writeRecordEntries } from '@common-ground/shared/schema';
import { issueDeviceLink } from '../../auth/deviceLinks';
import { hashToken, newToken } from '../../auth/secrets';
import { recordDocKey } from '../../rooms/docKeys';
import { membershipEntries } from '../../rooms/record';
import type { ParticipantRecord, PeopleChange, PersonRecord, Storage } from '../../storage/types';
import { authenticateForBoard } from '../auth';
import { bearerToken } from '../bearer';
import type { AppDeps } from '../deps';
import { linkOrigin } from '../linkOrigin';
import { HttpError } from '../respond';
import { type Router, route } from '../router';

const LAST_FACILITATOR_MESSAGE =
  'A board keeps at least one facilitator who can moderate: make someone else facilitator first';

/** The board's facilitator behind the request: 404 bad board id, 401 no or unknown token, 403 anyone else. */
async function facilitatorOf(
  req: IncomingMessage,
  storage: Pick<Storage, 'accounts' | 'partners' | 'people'>,
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

const PEOPLE = route('GET', '/api/boards/:boardId/people', {
  summary: 'Everyone on the board with their devices and presence',
  auth: 'facilitator',
  response: PeopleResponse,
});
const CHANGE_ROLE = route('POST', '/api/boards/:boardId/people/:participantId/role', {
  summary: 'Change a person’s role; their open connections reconnect with it',
  auth: 'facilitator',
  body: ChangeRoleRequest,
  response: PersonSchema,
  errors: [409],
});
const REMOVE_PERSON = route('POST', '/api/boards/:boardId/people/:participantId/remove', {
  summary: 'Remove a person from the board; their tokens end',
  auth: 'facilitator',
  response: PersonSchema,
  errors: [409],
});
const REENTRY_LINK = route('POST', '/api/boards/:boardId/people/:participantId/reentry', {
  summary: 'A one-time link that moves a person’s access to a new device',
  auth: 'facilitator',
  status: 201,
  response: DeviceLinkResponse,
  errors: [409],
});
const DEVICE_LINK = route('POST', '/api/boards/:boardId/device-links', {
  summary: 'A one-time link that adds the caller’s access on another device',
  auth: 'participant',
  status: 201,
  response: DeviceLinkResponse,
});
const LEAVE = route('POST', '/api/boards/:boardId/leave', {
  summary: 'End this device’s access (its token)',
  auth: 'participant',
  response: LeaveResponse,
  errors: [409],
});
const REDEEM_DEVICE_LINK = route('POST', '/api/device-links/redeem', {
  summary: 'Redeem a device or re-entry link; the answer carries the new token',
  auth: 'none',
  body: RedeemDeviceLinkRequest,
  status: 201,
  response: RedeemDeviceLinkResponse,
  errors: [404, 410],
});

export function registerPeopleRoutes(
  router: Router,
  { config, storage, rooms, log, sockets }: AppDeps,
): void {
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
    ...(record.participant.erased ? { erased: record.participant.erased } : {}),
  });

  const people = async (boardId: string): Promise<Person[]> => {
    const [records, partners] = await Promise.all([
      storage.people.listPeople(boardId),
      storage.partners.listPartners(boardId),
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

  router.add(PEOPLE, async ({ req, params, send }) => {
    const boardId = params.boardId ?? '';
    await facilitatorOf(req, storage, boardId);
    send({ people: await people(boardId) });
  });

  router.add(CHANGE_ROLE, async ({ req, params, body, send }) => {
    const boardId = params.boardId ?? '';
    await facilitatorOf(req, storage, boardId);
    const participantId = participantIdOf(params);
    const { role } = await body();
    changed(await storage.people.changeRole(boardId, participantId, role));
    // An open socket keeps the role it was accepted with (an observer's may not write): reconnecting takes the new
    // one. GoingAway is not final, so the client reconnects by itself.
    sockets.closeAll(participantId, CloseCode.GoingAway, 'Role changed');
    await refreshRecord(boardId);
    send(await personOf(boardId, participantId));
  });

  router.add(REMOVE_PERSON, async ({ req, params, send }) => {
    const boardId = params.boardId ?? '';
    const me = await facilitatorOf(req, storage, boardId);
    const participantId = participantIdOf(params);
    changed(await storage.people.removeParticipant(boardId, participantId, me.id, config.now()));
    // Their tokens are gone already; the devices still open learn it now, and forget the board (4401 is final).
    sockets.closeAll(participantId, CloseCode.AccessEnded, 'Removed from the board');
    await refreshRecord(boardId);
    send(await personOf(boardId, participantId));
  });

  router.add(REENTRY_LINK, async ({ req, params, send }) => {
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
      origin: linkOrigin(req, config.publicUrl),
      now: config.now(),
    });
    if (!link) throw new HttpError(404, 'not_found', 'No such person on this board');
    sockets.closeAll(participantId, CloseCode.AccessEnded, 'Access moved to a new device');
    send(link);
  });

  router.add(DEVICE_LINK, async ({ req, params, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    const link = await issueDeviceLink(storage, {
      boardId,
      participantId: me.id,
      kind: 'device',
      createdBy: me.id,
      origin: linkOrigin(req, config.publicUrl),
      now: config.now(),
    });
    if (!link) throw new HttpError(404, 'not_found', 'No such person on this board');
    send(link);
  });

  router.add(LEAVE, async ({ req, params, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    // authenticateForBoard found the token, so it is there.
    changed(await storage.people.leaveDevice(boardId, me.id, hashToken(bearerToken(req) ?? '')));
    send({ left: true });
  });

  router.add(REDEEM_DEVICE_LINK, async ({ body, send }) => {
    const { code } = await body();
    const token = newToken();
    const result = await storage.people.redeemDeviceLink(hashToken(code), hashToken(token), config.now());
    if (!result.ok) {
      if (result.reason === 'used') throw new HttpError(410, 'link_used', 'This link has been used already');
      if (result.reason === 'expired') throw new HttpError(410, 'link_expired', 'This link has expired');
      throw new HttpError(404, 'not_found', 'No such link');
    }
    const { participant } = result;
    const board = await storage.accounts.getBoard(participant.boardId);
    send({
      boardId: participant.boardId,
      boardTitle: board?.title ?? '',
      participantId: participant.id,
      name: participant.name,
      token,
      role: participant.role,
    });
  });
}
