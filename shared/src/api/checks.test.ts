import { describe, expect, it } from 'vitest';
import { checkErrorResponse, checkInviteInfo, checkPrivacyInfo, checkServerConfig } from './checks';
import { ErrorResponse, InviteInfoResponse, ServerConfigResponse } from './http';
import { PrivacyInfoResponse } from './privacy';

const partner = { id: 'p1', name: 'Mieterinitiative Südstadt', kind: 'residents' };
const invite = {
  boardId: 'AbCdEfGhIjKlMn_-',
  boardTitle: 'Runder Tisch',
  role: 'partner',
  partners: [partner],
  partner: null,
  privacyNote: null,
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
  { ...invite, privacyNote: 'Gemeinsam verantwortlich: Stadt und Träger.\n<script>x</script>' },
  { ...invite, privacyNote: '' },
  { ...invite, privacyNote: undefined },
  { ...invite, privacyNote: 7 },
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

const privacy = {
  operatorName: 'Nachbarschaftshaus Südstadt e. V.',
  operatorContact: 'Hauptstr. 1, 12345 Stadt, datenschutz@example.org',
  dpoContact: null,
  imprintUrl: 'https://example.org/impressum',
  accessibilityUrl: null,
  accessibilityContact: 'barrieren@example.org',
  notices: { de: 'Eigener Text', ar: 'نص' },
  retentionMonths: 36,
};

const PRIVACY: unknown[] = [
  privacy,
  { ...privacy, notices: {} },
  { ...privacy, extra: 1 },
  { ...privacy, operatorName: null, operatorContact: null, imprintUrl: null },
  { ...privacy, imprintUrl: 'javascript:alert(1)' },
  { ...privacy, accessibilityUrl: 'data:text/html,<b>x</b>' },
  { ...privacy, accessibilityUrl: 'HTTP://example.org/a11y' },
  { ...privacy, imprintUrl: 'https://exa mple.org' },
  { ...privacy, operatorName: 'x'.repeat(201) },
  { ...privacy, operatorContact: 'x'.repeat(501) },
  { ...privacy, operatorContact: undefined },
  { ...privacy, dpoContact: 5 },
  { ...privacy, notices: { xx: 'Text' } },
  { ...privacy, notices: { de: 5 } },
  { ...privacy, notices: { 'de-simple': 'x'.repeat(20_001) } },
  { ...privacy, notices: null },
  { ...privacy, notices: [] },
  { ...privacy, retentionMonths: 0 },
  { ...privacy, retentionMonths: 601 },
  { ...privacy, retentionMonths: 1.5 },
  { ...privacy, retentionMonths: '36' },
  { ...privacy, retentionMonths: undefined },
  null,
  [],
];

describe('hand-written checks agree with their zod schemas', () => {
  it.each(INVITES.map((body) => [JSON.stringify(body), body]))('invite info %s', (_, body) => {
    expect(checkInviteInfo.safeParse(body)).toEqual(pick(InviteInfoResponse.safeParse(body)));
  });

  it.each(ERRORS.map((body) => [JSON.stringify(body), body]))('error %s', (_, body) => {
    expect(checkErrorResponse.safeParse(body)).toEqual(pick(ErrorResponse.safeParse(body)));
  });

  it.each(PRIVACY.map((body) => [JSON.stringify(body), body]))('privacy info %s', (_, body) => {
    expect(checkPrivacyInfo.safeParse(body)).toEqual(pick(PrivacyInfoResponse.safeParse(body)));
  });

  it.each(CONFIGS.map((body) => [JSON.stringify(body), body]))('server config %s', (_, body) => {
    expect(checkServerConfig.safeParse(body)).toEqual(pick(ServerConfigResponse.safeParse(body)));
  });
});

const pick = (result: { success: boolean; data?: unknown }) =>
  result.success ? { success: true, data: result.data } : { success: false };
