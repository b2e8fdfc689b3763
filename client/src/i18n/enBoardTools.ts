import type { deBoardTools } from './deBoardTools';

/** English texts for the board's tools: undo of own moves and the filter bar (see en.ts). */
export const enBoardTools: { readonly [K in keyof typeof deBoardTools]: string } = {
  'undo.label': 'Undo',
  'redo.label': 'Redo',
  'undo.hint': 'Takes back your last move (Ctrl+Z). Other people’s changes stay.',
  'redo.hint': 'Makes the move you took back again (Shift+Ctrl+Z).',
  'undo.done': 'Move undone.',
  'redo.done': 'Move redone.',
  'undo.nothing': 'No move of yours to undo.',
  'redo.nothing': 'Nothing to redo.',

  'filter.toggle': 'Filter',
  'filter.heading': 'Filter goals',
  'filter.text': 'Search title and description',
  'filter.stage': 'Stage',
  'filter.anyStage': 'All stages',
  'filter.partner': 'Organisation (proposing or leading)',
  'filter.anyPartner': 'All organisations',
  'filter.clear': 'Clear filter',
  'filter.hidden': '{hidden} of {total} goals hidden.',
  'filter.noDrag': 'While a filter is on, goals cannot be dragged: positions count every goal.',
};
