import type { ActivityEvent } from '@common-ground/shared/api';
import { intlTag, type Locale } from '../i18n/languages';
import type { Translate } from '../i18n/translate';
import { formatDay } from '../rounds/format';

export interface EventContext {
  readonly t: Translate;
  readonly locale: Locale;
  /** Partner names by id, for leads and commitments (which name a partner, not a person). */
  readonly partnerNames: ReadonlyMap<string, string>;
  /** People's names as the board shows them (usePersonNames): preferred to the name the server sent. */
  readonly personNames?: ReadonlyMap<string, string>;
}

/**
 * Who did it, as the server recorded it: "Ayşe Demir (Mieterinitiative)". A stance whose author the round hides
 * names nobody; an event without a participant was done by the server itself (e.g. a round closing at its deadline).
 */
export function actorName(
  event: ActivityEvent,
  t: Translate,
  personNames?: ReadonlyMap<string, string>,
): string {
  const { partnerName: partner } = event;
  const person = (event.participantId && personNames?.get(event.participantId)) || event.participantName;
  if (person && partner) return t('activity.actorPartner', { person, partner });
  if (person) return person;
  if (partner) return partner;
  return event.type === 'stance_given' ? t('activity.hiddenPartner') : t('activity.system');
}

const goalName = (event: ActivityEvent, t: Translate) => event.goalTitle.trim() || t('goal.untitled');

/** One sentence per event, e.g. "Ayşe Demir (Mieterinitiative) hat die Beschreibung von „Spielplatz“ geändert". */
export function describeEvent(event: ActivityEvent, context: EventContext): string {
  const { t, partnerNames } = context;
  const actor = actorName(event, t, context.personNames);
  const goal = goalName(event, t);
  const partner = (id: string | null) => (id ? (partnerNames.get(id) ?? '?') : '?');
  switch (event.type) {
    case 'goal_proposed':
      return t('activity.event.goal_proposed', { actor, goal });
    case 'wording_changed':
      return t(`activity.event.${event.field}_changed`, { actor, goal });
    case 'stage_changed':
      return t('activity.event.stage_changed', {
        actor,
        goal,
        from: t(`stage.${event.from}`),
        to: t(`stage.${event.to}`),
      });
    case 'goal_moved':
      return t('activity.event.goal_moved', { actor, goal, stage: t(`stage.${event.stage}`) });
    case 'goal_removed':
      return t('activity.event.goal_removed', { actor, goal });
    case 'comment_added':
      return t('activity.event.comment_added', { actor, goal });
    case 'lead_changed':
      return event.after === null
        ? t('activity.event.lead_cleared', { actor, goal })
        : t('activity.event.lead_set', { actor, goal, partner: partner(event.after) });
    case 'commitment_changed': {
      const key =
        event.after === null
          ? 'activity.event.commitment_removed'
          : event.before === null
            ? 'activity.event.commitment_added'
            : 'activity.event.commitment_changed';
      return t(key, { actor, goal, partner: partner(event.commitmentPartnerId) });
    }
    case 'review_date_changed':
      return event.after === null
        ? t('activity.event.review_cleared', { actor, goal })
        : t('activity.event.review_set', { actor, goal, date: formatDay(event.after, context.locale) });
    case 'round_opened':
      return t('activity.event.round_opened', { actor, goal, number: event.roundNumber });
    case 'stance_given':
      return t(
        event.recordedByFacilitator ? 'activity.event.stance_recorded' : 'activity.event.stance_given',
        {
          actor,
          goal,
          number: event.roundNumber,
          stance: t(`stance.${event.stance}`),
        },
      );
    case 'round_closed':
      return t('activity.event.round_closed', {
        actor,
        goal,
        number: event.roundNumber,
        outcome: t(`activity.outcome.${event.outcome}`),
      });
  }
}

/** The text before and after, for events whose change is worth showing word by word. */
export function wordingChange(event: ActivityEvent): { before: string; after: string } | null {
  if (event.type === 'wording_changed') return { before: event.before, after: event.after };
  if (event.type === 'commitment_changed' && event.before !== null && event.after !== null) {
    return { before: event.before, after: event.after };
  }
  return null;
}

/** "vor 5 Minuten", "gestern", "vor 3 Tagen"; under a minute "gerade eben" (so a fresh change does not tick). */
export function relativeTime(at: number, now: number, locale: Locale, t: Translate): string {
  const seconds = Math.round((at - now) / 1000);
  if (Math.abs(seconds) < 60) return t('activity.justNow');
  const format = new Intl.RelativeTimeFormat(intlTag(locale), { numeric: 'auto' });
  const minutes = Math.round(seconds / 60);
  if (Math.abs(minutes) < 60) return format.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return format.format(hours, 'hour');
  const days = Math.round(hours / 24);
  if (Math.abs(days) < 30) return format.format(days, 'day');
  const months = Math.round(days / 30);
  if (Math.abs(months) < 12) return format.format(months, 'month');
  return format.format(Math.round(days / 365), 'year');
}
