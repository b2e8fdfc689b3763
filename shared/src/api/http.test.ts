import { describe, expect, it } from 'vitest';
import { CreateBoardRequest, CreateInviteRequest, JoinRequest } from './http';

describe('API request schemas', () => {
  it('accepts a board title and trims it', () => {
    expect(CreateBoardRequest.parse({ title: '  Runder Tisch Südstadt ' }).title).toBe(
      'Runder Tisch Südstadt',
    );
  });

  it.each([
    [{}],
    [{ title: '' }],
    [{ title: '   ' }],
    [{ title: 'x'.repeat(201) }],
    [{ title: 5 }],
    [{ title: 'ok', extra: true }],
    [{ title: 'ok', name: 'n'.repeat(81) }],
  ])('rejects board body %j', (body) => {
    expect(CreateBoardRequest.safeParse(body).success).toBe(false);
  });

  it('accepts exactly 200 title characters and 80 name characters', () => {
    expect(CreateBoardRequest.safeParse({ title: 't'.repeat(200), name: 'n'.repeat(80) }).success).toBe(true);
  });

  it('knows the roles', () => {
    expect(CreateInviteRequest.safeParse({ role: 'partner' }).success).toBe(true);
    expect(CreateInviteRequest.safeParse({ role: 'observer', maxUses: 3 }).success).toBe(true);
    expect(CreateInviteRequest.safeParse({ role: 'admin' }).success).toBe(false);
    expect(CreateInviteRequest.safeParse({ role: 'partner', maxUses: 0 }).success).toBe(false);
  });

  it('validates joins: code shape, partner kind, not both partner forms', () => {
    const base = { code: 'ABCDEFGH23', name: 'Aylin' };
    expect(
      JoinRequest.safeParse({ ...base, partner: { name: 'Mieterinitiative', kind: 'residents' } }).success,
    ).toBe(true);
    expect(JoinRequest.safeParse({ ...base, partnerId: 'p1' }).success).toBe(true);
    expect(JoinRequest.safeParse({ ...base, partner: { name: 'X', kind: 'church' } }).success).toBe(false);
    expect(
      JoinRequest.safeParse({ ...base, partnerId: 'p1', partner: { name: 'X', kind: 'other' } }).success,
    ).toBe(false);
    expect(JoinRequest.safeParse({ ...base, code: 'lowercase1' }).success).toBe(false);
    expect(JoinRequest.safeParse({ ...base, code: 'ABCDEFGHIL' }).success).toBe(false);
  });
});
