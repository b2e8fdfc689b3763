import { describe, expect, it } from 'vitest';
import { draftFrom, profileProblems, requestFrom, toggleOffer } from './profileDraft';

describe('profile drafts', () => {
  it('start empty without a profile and report every field that is too long', () => {
    const draft = { ...draftFrom(null), description: 'x'.repeat(1001), contact: `  ${'y'.repeat(200)}  ` };
    expect(profileProblems(draft)).toEqual([{ field: 'description', count: 1001, max: 1000 }]);
  });

  it('send trimmed texts and offers in their fixed order, without duplicates', () => {
    let offers = toggleOffer([], 'money', true);
    offers = toggleOffer(offers, 'rooms', true);
    offers = toggleOffer(offers, 'rooms', true);
    expect(requestFrom({ ...draftFrom(null), offers, interests: ' Ruhe im Hof ' })).toMatchObject({
      offers: ['rooms', 'money'],
      interests: 'Ruhe im Hof',
    });
    expect(toggleOffer(offers, 'money', false)).toEqual(['rooms']);
  });
});
