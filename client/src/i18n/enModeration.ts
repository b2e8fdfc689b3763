import type { deModeration } from './deModeration';

/** English texts for comments the facilitator hides (see en.ts). */
export const enModeration: { readonly [K in keyof typeof deModeration]: string } = {
  'moderation.hiddenBy': 'Hidden by {name}',
  'moderation.unknownFacilitator': 'the facilitator',
  'moderation.commentOf': 'comment by {name}',
  'moderation.reveal': 'Show',
  'moderation.conceal': 'Conceal',
  'moderation.revealedNote': 'Hidden text, visible only to you',
  'moderation.hide': 'Hide',
  'moderation.hideHeading': 'Hide this comment?',
  'moderation.hideText':
    'Everyone then sees “Hidden by …” instead of its text. The comment stays stored, and you can show it again.',
  'moderation.hideConfirm': 'Hide',
  'moderation.unhide': 'Show to everyone again',
  'moderation.error': 'That did not work. Please try again.',
};
