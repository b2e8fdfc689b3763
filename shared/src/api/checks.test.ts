import { describe, expect, it } from 'vitest';
import { checkErrorResponse, checkInviteInfo, checkServerConfig } from './checks';
import { ErrorResponse, InviteInfoResponse, ServerConfigResponse } from './http';

const partner = { id: 'p1', name: 'Mieterinitiative Südstadt', kind: 'residents' };
const invite = {
  boardId: 'AbCdEfGhIjKlMn_-',
  boardTitle: 'Runder Tisch',
  role: 'partner',
  partners: [partner],
  partner: null,
};

/** Valid bodies, near misses and junk: the hand-written check must say what the zod schema says. */
const INVITES: unknown[] = [
  invite,
  { ...invite, partner },
  { ...invite, partners: [] },
  { ...invite, extra: 'dropped' },
  { ...invite, partners: [{ ...partner, name: '  Verein  ', extra: 1 }] },
  { ...invite, role: 'observer' },
  { ...invite, role: 'admin' },
  { ...invite, boardId: 'short' },
  { ...invite, boardTitle: 42 },
  { ...invite, partners: [{ ...partner, kind: 'club' }] },
  { ...invite, partners: [{ ...partner, id: 'no spaces' }] },
  { ...invite, partners: [{ ...partner, name: '   ' }] },
  { ...invite, partners: [{ ...partner, name: 'x'.repeat(81) }] },
  { ...invite, partners: [null] },
  { ...invite, partners: 'p1' },
  { ...invite, partner: { ...partner, kind: undefined } },
  { ...invite, partner: undefined },
  [],
  null,
  'invite',
];

const ERRORS: unknown[] = [
  { error: { code: 'not_found', message: 'no such invite' } },
  { error: { code: 'invite_revoked', message: '', extra: 1 }, extra: 2 },
  { error: { code: 'teapot', message: 'no' } },
  { error: { code: 'not_found' } },
  { error: 'not_found' },
  'Bad Gateway',
  null,
];

const CONFIGS: unknown[] = [
  { boardCreateKeyRequired: true, linksReachable: 'network' },
  { boardCreateKeyRequired: false, linksReachable: 'loopback', extra: 1 },
  { boardCreateKeyRequired: false },
  { boardCreateKeyRequired: false, linksReachable: 'lan' },
  { boardCreateKeyRequired: false, linksReachable: null },
  { boardCreateKeyRequired: 'yes', linksReachable: 'network' },
  {},
  null,
];

describe('hand-written checks agree with their zod schemas', () => {
  it.each(INVITES.map((body) => [JSON.stringify(body), body]))('invite info %s', (_, body) => {
    expect(checkInviteInfo.safeParse(body)).toEqual(pick(InviteInfoResponse.safeParse(body)));
  });

  it.each(ERRORS.map((body) => [JSON.stringify(body), body]))('error %s', (_, body) => {
    expect(checkErrorResponse.safeParse(body)).toEqual(pick(ErrorResponse.safeParse(body)));
  });

  it.each(CONFIGS.map((body) => [JSON.stringify(body), body]))('server config %s', (_, body) => {
    expect(checkServerConfig.safeParse(body)).toEqual(pick(ServerConfigResponse.safeParse(body)));
  });
});

const pick = (result: { success: boolean; data?: unknown }) =>
  result.success ? { success: true, data: result.data } : { success: false };
