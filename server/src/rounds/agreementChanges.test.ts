import { wordingHash } from '@common-ground/shared/rules';
import type { GoalStructure } from '@common-ground/shared/schema';
import { describe, expect, it } from 'vitest';
import { type AgreedVersion, agreementChanges, type CurrentVersion } from './agreementChanges';

const TITLE = 'Spielplatz sanieren';
const DESCRIPTION = 'Bis Ende 2027';
const STRUCTURE: GoalStructure = {
  leadPartnerId: 'partner-a',
  commitments: [
    { partnerId: 'partner-a', text: 'Plant die Sanierung' },
    { partnerId: 'partner-b', text: 'Stellt 20.000 € bereit' },
  ],
  reviewDate: '2027-06-30',
};
const agreed = (structure: GoalStructure | null = STRUCTURE): AgreedVersion => ({
  wording: { title: TITLE, description: DESCRIPTION, hash: wordingHash(TITLE, DESCRIPTION) },
  structure,
});
const now = (structure: Partial<GoalStructure> = {}, title = TITLE): CurrentVersion => ({
  wording: { title, description: DESCRIPTION },
  structure: { ...STRUCTURE, ...structure },
});

describe('agreementChanges', () => {
  it('finds nothing while the goal is as agreed, nor for a trailing space or another Unicode form', () => {
    expect(agreementChanges(agreed(), now())).toEqual([]);
    const commitments = [
      { partnerId: 'partner-a', text: 'Plant die Sanierung  ' },
      { partnerId: 'partner-b', text: 'Stellt 20.000 € bereit' },
    ];
    expect(agreementChanges(agreed(), now({ commitments }))).toEqual([]);
    const composed = {
      ...STRUCTURE,
      commitments: [{ partnerId: 'partner-b', text: 'Pr\u00fcft die Kosten' }],
    };
    const decomposed = [{ partnerId: 'partner-b', text: 'Pru\u0308ft die Kosten' }];
    expect(agreementChanges(agreed(composed), now({ commitments: decomposed }))).toEqual([]);
  });

  it('lists a reworded, added and withdrawn commitment with the agreed and the current text', () => {
    const commitments = [
      { partnerId: 'partner-b', text: 'B übernimmt alle Kosten' },
      { partnerId: 'partner-c', text: 'Hilft beim Aufbau' },
    ];
    expect(agreementChanges(agreed(), now({ commitments }))).toEqual([
      { part: 'commitment', partnerId: 'partner-a', agreed: 'Plant die Sanierung', current: null },
      {
        part: 'commitment',
        partnerId: 'partner-b',
        agreed: 'Stellt 20.000 € bereit',
        current: 'B übernimmt alle Kosten',
      },
      { part: 'commitment', partnerId: 'partner-c', agreed: null, current: 'Hilft beim Aufbau' },
    ]);
  });

  it('lists the wording, the lead and the review date, in that order', () => {
    expect(
      agreementChanges(agreed(), now({ leadPartnerId: null, reviewDate: '2028-01-31' }, `${TITLE}!`)),
    ).toEqual([
      {
        part: 'wording',
        agreed: { title: TITLE, description: DESCRIPTION },
        current: { title: `${TITLE}!`, description: DESCRIPTION },
      },
      { part: 'lead', agreed: 'partner-a', current: null },
      { part: 'reviewDate', agreed: '2027-06-30', current: '2028-01-31' },
    ]);
  });

  it('compares only the wording of a round closed before structures were frozen', () => {
    const changed = now({ leadPartnerId: 'partner-b', commitments: [], reviewDate: null });
    expect(agreementChanges(agreed(null), changed)).toEqual([]);
    expect(agreementChanges(agreed(null), now({}, 'Anders')).map((c) => c.part)).toEqual(['wording']);
  });
});
