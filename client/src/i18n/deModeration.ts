/** German texts for comments the facilitator hides (see de.ts). */
export const deModeration = {
  'moderation.hiddenBy': 'Ausgeblendet von {name}',
  'moderation.unknownFacilitator': 'der Moderation',
  'moderation.commentOf': 'Kommentar von {name}',
  'moderation.reveal': 'Anzeigen',
  'moderation.conceal': 'Verbergen',
  'moderation.revealedNote': 'Ausgeblendeter Text, nur für Sie sichtbar',
  'moderation.hide': 'Ausblenden',
  'moderation.hideHeading': 'Kommentar ausblenden?',
  'moderation.hideText':
    'Alle sehen dann „Ausgeblendet von …“ statt des Textes. Der Kommentar bleibt gespeichert, und Sie können ihn wieder einblenden.',
  'moderation.hideConfirm': 'Ausblenden',
  'moderation.unhide': 'Wieder einblenden',
  'moderation.error': 'Das hat nicht geklappt. Bitte versuchen Sie es noch einmal.',
} as const;
