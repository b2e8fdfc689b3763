import { describe, expect, it } from 'vitest';
import { ROLES } from '../api/vocabulary';
import { mayChangeRelation, mayEditProfile } from './networkAccess';

const MINE = 'partner-mine';
const OTHER = 'partner-other';
const THIRD = 'partner-third';
const myPartners: readonly (string | null)[] = [MINE, null];

describe('mayEditProfile', () => {
  // Every role × own partner or none × the own or another partner's profile: only these pass.
  const allowed = new Set([
    'facilitator/mine/mine',
    'facilitator/mine/other',
    'facilitator/none/mine',
    'facilitator/none/other',
    'partner/mine/mine',
  ]);
  const name = (id: string | null) => (id === MINE ? 'mine' : id === null ? 'none' : 'other');

  for (const role of ROLES) {
    for (const myPartnerId of myPartners) {
      for (const partnerId of [MINE, OTHER]) {
        const key = `${role}/${name(myPartnerId)}/${name(partnerId)}`;
        it(key, () => {
          expect(mayEditProfile(role, myPartnerId, partnerId)).toBe(allowed.has(key));
        });
      }
    }
  }

  it('spells out the cases that matter', () => {
    expect(mayEditProfile('facilitator', null, OTHER)).toBe(true);
    expect(mayEditProfile('partner', MINE, MINE)).toBe(true);
    expect(mayEditProfile('partner', MINE, OTHER)).toBe(false);
    expect(mayEditProfile('partner', null, MINE)).toBe(false);
    expect(mayEditProfile('observer', MINE, MINE)).toBe(false);
  });
});

describe('mayChangeRelation', () => {
  const relations = [
    { from: MINE, to: OTHER },
    { from: OTHER, to: MINE },
    { from: OTHER, to: THIRD },
  ];

  it('lets the facilitator change every relation, with or without a partner', () => {
    for (const myPartnerId of myPartners) {
      for (const relation of relations)
        expect(mayChangeRelation('facilitator', myPartnerId, relation)).toBe(true);
    }
  });

  it('lets a partner change the relations it is at either end of, and no others', () => {
    expect(relations.map((r) => mayChangeRelation('partner', MINE, r))).toEqual([true, true, false]);
  });

  it('lets no partner without a partner id and no observer change anything', () => {
    for (const relation of relations) {
      expect(mayChangeRelation('partner', null, relation)).toBe(false);
      for (const myPartnerId of myPartners)
        expect(mayChangeRelation('observer', myPartnerId, relation)).toBe(false);
    }
  });
});
