import { describe, expect, it } from 'vitest';
import { validateJoin } from './joinValidation';

const base = { name: 'Ayşe', partnerChoice: '', newPartnerName: '', newPartnerKind: '' };

describe('validateJoin', () => {
  it('needs only a name from observers', () => {
    expect(validateJoin(base, 'observer')).toEqual({ errors: {}, partner: null });
    expect(validateJoin({ ...base, name: '  ' }, 'observer').errors).toEqual({ name: 'join.nameRequired' });
  });

  it('needs a partner choice from partners', () => {
    expect(validateJoin(base, 'partner').errors).toEqual({ partner: 'join.orgRequired' });
    // An invite for one organisation names it already: nothing to choose, nothing to send.
    expect(validateJoin(base, 'partner', true)).toEqual({ errors: {}, partner: null });
    expect(validateJoin({ ...base, partnerChoice: 'p1' }, 'partner')).toEqual({
      errors: {},
      partner: { partnerId: 'p1' },
    });
  });

  it('checks name and kind of a new partner', () => {
    const input = {
      ...base,
      partnerChoice: 'new',
      newPartnerName: ' Mieterinitiative ',
      newPartnerKind: 'residents',
    };
    expect(validateJoin(input, 'partner')).toEqual({
      errors: {},
      partner: { partner: { name: 'Mieterinitiative', kind: 'residents' } },
    });
    expect(validateJoin({ ...input, newPartnerKind: 'club', newPartnerName: '' }, 'partner').errors).toEqual({
      partnerName: 'join.orgNameRequired',
      partnerKind: 'join.orgKindRequired',
    });
  });
});
