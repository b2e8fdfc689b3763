import type { deAmendments } from './deAmendments';

/** English texts for proposed amendments of a goal's wording (see en.ts). */
export const enAmendments: { readonly [K in keyof typeof deAmendments]: string } = {
  'goal.lockedHint': 'Changes that arrive anyway (typed offline, for example) become proposed amendments.',
  'amendment.heading': 'Proposed amendments',
  'amendment.by': 'Proposed by {name}',
  'amendment.unknownAuthor': 'unknown',
  'amendment.title': 'Title',
  'amendment.description': 'Description',
  'amendment.adopt': 'Adopt',
  'amendment.dismiss': 'Dismiss',
  'amendment.adoptAfterRound':
    'You can adopt it once the round has ended, or by cancelling the round to change the wording.',
  'amendment.cancelRound': 'Cancel the round to change the wording',
  'amendment.error': 'That did not work. Please try again.',
};
