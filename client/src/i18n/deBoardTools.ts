/** German texts for the board's tools: undo of own moves and the filter bar (see de.ts). */
export const deBoardTools = {
  'undo.label': 'Rückgängig',
  'redo.label': 'Wiederholen',
  'undo.hint': 'Nimmt Ihre letzte Verschiebung zurück (Strg+Z). Änderungen anderer bleiben.',
  'redo.hint': 'Führt die zurückgenommene Verschiebung wieder aus (Umschalt+Strg+Z).',
  'undo.done': 'Verschiebung rückgängig gemacht.',
  'redo.done': 'Verschiebung wiederholt.',
  'undo.nothing': 'Keine eigene Verschiebung zum Rückgängigmachen.',
  'redo.nothing': 'Nichts zum Wiederholen.',

  'filter.toggle': 'Filter',
  'filter.heading': 'Ziele filtern',
  'filter.text': 'Suche in Titel und Beschreibung',
  'filter.stage': 'Phase',
  'filter.anyStage': 'Alle Phasen',
  'filter.partner': 'Organisation (vorgeschlagen oder federführend)',
  'filter.anyPartner': 'Alle Organisationen',
  'filter.clear': 'Filter zurücksetzen',
  'filter.hidden': '{hidden} von {total} Zielen ausgeblendet.',
  'filter.noDrag': 'Solange ein Filter gilt, lassen sich Ziele nicht ziehen: Positionen zählen alle Ziele.',
} as const;
