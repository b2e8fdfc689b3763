import type { AgreedGoal, AgreementResponse } from '@common-ground/shared/api';
import { DEFAULT_DECISION_RULE } from '@common-ground/shared/rules';
import { describe, expect, it } from 'vitest';
import { agreementMarkdown } from './agreementMarkdown';

const goal = (overrides: Partial<AgreedGoal>): AgreedGoal => ({
  goalId: 'goal-1',
  wording: { title: 'Spielplatz sanieren', description: 'Bis 2027', hash: 'a'.repeat(64) },
  changedSinceAgreement: false,
  changes: [],
  structureFrozen: true,
  round: {
    id: 'round-1',
    number: 1,
    openedAt: 0,
    closedAt: 0,
    visibility: 'open',
    rule: DEFAULT_DECISION_RULE,
    tally: { agree: 2, concerns: 0, stand_aside: 0, object: 0, responded: 2, eligible: 2 },
  },
  stances: [],
  concerns: [],
  leadPartnerId: 'mv',
  commitments: [{ partnerId: 'wb', text: 'Stellt 20.000 € bereit' }],
  reviewDate: '2027-06-30',
  reviewDue: false,
  ...overrides,
});
const agreement = (goals: AgreedGoal[]): AgreementResponse => ({
  boardId: 'board-1',
  title: 'Runder Tisch',
  generatedAt: 0,
  partners: [
    { id: 'mv', name: 'Mieterverein', kind: 'residents' },
    { id: 'wb', name: 'Wohnbau GmbH', kind: 'housing' },
  ],
  goals,
});

describe('agreementMarkdown', () => {
  it('prints the agreed structure and, under it, each change with the agreed and the current value', () => {
    const text = agreementMarkdown(
      agreement([
        goal({
          changedSinceAgreement: true,
          changes: [
            { part: 'lead', agreed: 'mv', current: null },
            {
              part: 'commitment',
              partnerId: 'wb',
              agreed: 'Stellt 20.000 € bereit',
              current: 'Alle *Kosten*',
            },
            { part: 'reviewDate', agreed: '2027-06-30', current: null },
          ],
        }),
      ]),
    );
    expect(text).toContain('- Federführung: Mieterverein\n');
    expect(text).toContain('- Wohnbau GmbH: Stellt 20.000 € bereit\n');
    expect(text).toContain(
      [
        '- **Seit der Vereinbarung geändert** – eine neue Konsensrunde ist nötig:',
        '  - Federführung: vereinbart Mieterverein, jetzt keine',
        '  - Beitrag von Wohnbau GmbH: vereinbart „Stellt 20.000 € bereit“, jetzt „Alle \\*Kosten\\*“',
        '  - Überprüfung: vereinbart 30.06.2027, jetzt kein Datum',
      ].join('\n'),
    );
    expect(text).not.toContain('heutiger Stand');
  });

  it('says so when an older agreement froze no structure', () => {
    const text = agreementMarkdown(agreement([goal({ structureFrozen: false })]));
    expect(text).toContain('- Federführung, Beiträge und Überprüfung: heutiger Stand');
    expect(text).not.toContain('Seit der Vereinbarung geändert');
  });
});
