/** German texts for proposed amendments of a goal's wording (see de.ts). */
export const deAmendments = {
  'goal.lockedHint':
    'Änderungen, die trotzdem ankommen (etwa offline getippt), werden zu Änderungsvorschlägen.',
  'amendment.heading': 'Änderungsvorschläge',
  'amendment.by': 'Vorschlag von {name}',
  'amendment.unknownAuthor': 'unbekannt',
  'amendment.title': 'Titel',
  'amendment.description': 'Beschreibung',
  'amendment.adopt': 'Übernehmen',
  'amendment.dismiss': 'Verwerfen',
  'amendment.adoptAfterRound':
    'Übernehmen geht, sobald die Runde beendet ist – oder wenn Sie die Runde abbrechen, um den Wortlaut zu ändern.',
  'amendment.cancelRound': 'Runde abbrechen, um den Wortlaut zu ändern',
  'amendment.error': 'Das hat nicht geklappt. Bitte versuchen Sie es noch einmal.',
} as const;
