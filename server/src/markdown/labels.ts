import type { HealthPrinciple, PartnerKind, RoundOutcome } from '@common-ground/shared/api';
import type { DecisionRule, Stance } from '@common-ground/shared/rules';
import type { ProcessPhase } from '@common-ground/shared/schema';

/**
 * German labels for the Markdown exports (agreement and process report), one table per domain word so both
 * documents name things alike; they match the client's German i18n texts, which the server cannot import.
 */
export const KIND_LABELS: Readonly<Record<PartnerKind, string>> = {
  residents: 'Bewohner/inneninitiative',
  welfare: 'Wohlfahrtsverband / freier Träger',
  housing: 'Wohnungsunternehmen',
  municipality: 'Kommune / Verwaltung',
  school: 'Schule',
  business: 'Gewerbe',
  other: 'Sonstige',
};
export const STANCE_LABELS: Readonly<Record<Stance, string>> = {
  agree: 'Zustimmung',
  concerns: 'Bedenken',
  stand_aside: 'Enthaltung',
  object: 'Einwand',
};
export const RULE_LABELS: Readonly<Record<DecisionRule['kind'], string>> = {
  consent: 'Konsent',
  consensus: 'Konsens',
  majority: 'Mehrheit',
};
export const PHASE_LABELS: Readonly<Record<ProcessPhase, string>> = {
  inventory: 'Bestandsaufnahme',
  collect: 'Ziele sammeln',
  negotiate: 'Aushandeln',
  agree: 'Vereinbaren',
  review: 'Überprüfen',
};
export const PRINCIPLE_LABELS: Readonly<Record<HealthPrinciple, string>> = {
  network: 'Netzwerk-Bestandsaufnahme',
  transparency: 'Transparente Kommunikation',
  structures: 'Klare Strukturen',
  goals: 'Gemeinsame Ziele',
  organisation: 'Prozessorganisation',
  legitimation: 'Legitimation und Machtbalance',
};
export const OUTCOME_LABELS: Readonly<Record<RoundOutcome, string>> = {
  agreed: 'vereinbart',
  objected: 'Einwand',
  no_quorum: 'zu wenige Haltungen abgegeben',
  invalidated: 'abgebrochen (Wortlaut geändert)',
};

const dateFormat = new Intl.DateTimeFormat('de-DE', {
  timeZone: 'Europe/Berlin',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

/** A point in time as the German calendar day in Berlin, e.g. 06.12.2026. */
export const formatDate = (ms: number): string => dateFormat.format(new Date(ms));
