import type { ProcessPhase } from '@common-ground/shared/schema';
import type { MessageKey } from '../i18n/catalogues';

export const phaseName = (phase: ProcessPhase): MessageKey => `process.phase.${phase}`;
export const phasePurpose = (phase: ProcessPhase): MessageKey => `process.purpose.${phase}`;
export const phaseBefore = (phase: ProcessPhase): MessageKey => `process.before.${phase}`;
