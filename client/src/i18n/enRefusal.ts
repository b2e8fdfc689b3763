import type { deRefusal } from './deRefusal';

/** English texts for a change the server refused, and for the text kept for the person. */
export const enRefusal: { readonly [K in keyof typeof deRefusal]: string } = {
  'refusal.refusedHeading': 'Your last change was not saved',
  'refusal.refused':
    'Your last change could not be accepted. The board now shows the saved state again. Please try again. A very long text is best entered in shorter parts.',
  'refusal.fullHeading': 'The board is full',
  'refusal.full':
    'There is no more room on the board, so your last change was not saved. Please ask the facilitator to tidy up the board. Deleting still works.',
  'refusal.tooManyHeading': 'Too many changes in a short time',
  'refusal.tooMany':
    'This device sent a great many changes in a short time, so the connection is paused. Wait a moment, then reconnect.',
  'refusal.forbiddenHeading': 'The connection was closed',
  'refusal.forbidden':
    'This device sent something that is not allowed on this board. Reconnect to continue with the saved state.',
  'refusal.reconnect': 'Reconnect',
  'refusal.restarting': 'Reloading the board…',
  'refusal.endedHeading': 'Your access to this board has ended',
  'refusal.ended':
    'Your access is no longer valid, so this device has forgotten the board. To take part again, ask the facilitator for a new invitation.',
  'refusal.keptHeading': 'Your unsaved text',
  'refusal.keptIntro':
    'This text is not saved on the board. Copy it and paste it again if you still need it.',
  'refusal.keptTitle': 'Title of “{title}”',
  'refusal.keptDescription': 'Description of “{title}”',
  'refusal.keptComment': 'Comment on “{title}”',
  'refusal.copy': 'Copy',
  'refusal.copied': 'Copied',
  'refusal.copyFallback': 'The text is selected. Copy it with Ctrl+C (Mac: Cmd+C).',
  'refusal.dismiss': 'Done',
};
