import type { Round } from '@common-ground/shared/api';
import type { MessageKey } from '../i18n/catalogues';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** "noch 3 Tage": whole days from a day on, whole hours below, then "less than an hour". */
export function timeLeft(deadline: number | undefined, now: number): { key: MessageKey; count?: number } {
  if (deadline === undefined) return { key: 'time.noDeadline' };
  const left = deadline - now;
  if (left <= 0) return { key: 'time.over' };
  if (left >= DAY) {
    return { key: 'time.days', count: Math.floor(left / DAY) };
  }
  if (left >= HOUR) {
    return { key: 'time.hours', count: Math.floor(left / HOUR) };
  }
  return { key: 'time.lessThanHour' };
}

const byDeadline = (a: Round, b: Round) =>
  (a.deadline ?? Number.MAX_SAFE_INTEGER) - (b.deadline ?? Number.MAX_SAFE_INTEGER);

/**
 * Open rounds in which this partner has a voice and has not answered, soonest deadline first. Where the view
 * hides who answered (hidden or anonymous rounds in the public record, e.g. offline), a round counts as waiting
 * while not every partner answered: better one reminder too many than a missed round.
 */
export function roundsAwaitingPartner(rounds: readonly Round[], partnerId: string): Round[] {
  return rounds
    .filter((round) => {
      if (round.status !== 'open' || !round.eligiblePartnerIds.includes(partnerId)) return false;
      if (round.stances.some((stance) => stance.partnerId === partnerId)) return false;
      const namesHidden = round.stances.some((stance) => stance.partnerId === null);
      return !namesHidden || round.tally.responded < round.tally.eligible;
    })
    .sort(byDeadline);
}

export type MissingPartners =
  | { readonly hidden: false; readonly partnerIds: readonly string[] }
  | { readonly hidden: true; readonly missing: number; readonly eligible: number };

/** Who has not answered an open round, as far as the round's visibility lets anyone see. */
export function missingPartners(round: Round): MissingPartners {
  if (round.visibility !== 'open') {
    return {
      hidden: true,
      missing: round.tally.eligible - round.tally.responded,
      eligible: round.tally.eligible,
    };
  }
  const answered = new Set(round.stances.map((stance) => stance.partnerId));
  return { hidden: false, partnerIds: round.eligiblePartnerIds.filter((id) => !answered.has(id)) };
}

export const openRounds = (rounds: readonly Round[]): Round[] =>
  rounds.filter((round) => round.status === 'open').sort(byDeadline);
