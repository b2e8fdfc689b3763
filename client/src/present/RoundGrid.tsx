import { type Round, showsStances } from '@common-ground/shared/api';
import { STANCES } from '@common-ground/shared/rules';
import { usePartnerNames } from '../board/lookups';
import { useT } from '../i18n/locale';
import { StanceIcon } from '../rounds/StanceIcon';
import { type RoomReason, roomNamesShown, roomReasons } from './roomView';

/** Keys for reasons that may repeat word for word (two partners, one concern), without using the list index. */
function keyed(reasons: readonly RoomReason[]): (RoomReason & { key: string })[] {
  const seen = new Map<string, number>();
  return reasons.map((reason) => {
    const base = `${reason.stance}:${reason.reason}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return { ...reason, key: `${base}:${count}` };
  });
}

/** Which round, whether it runs, how many answered: the line above the goal's title while it has a round. */
export function RoundHead({ round }: { round: Round }) {
  const t = useT();
  const open = round.status === 'open';
  // An anonymous round says so where it is named: the room then knows why no partner's name appears.
  const key =
    round.visibility === 'anonymous'
      ? open
        ? 'present.anonymousRoundOpen'
        : 'present.anonymousRoundClosed'
      : open
        ? 'present.roundOpen'
        : 'present.roundClosed';
  return (
    <p className="present-round-head" data-testid="present-round-head">
      <strong>{t(key, { number: round.number })}</strong> ·{' '}
      {t('present.responded', { responded: round.tally.responded, eligible: round.tally.eligible })}
    </p>
  );
}

/**
 * The round for the room: per partner its stance and the reason of an objection or concern where the round's
 * visibility names partners; in an anonymous round the counts per stance and the reasons without names; in a
 * hidden round nothing until it closes. Up to six named partners the grid is the count; more get the counts too.
 */
export function RoundGrid({ round }: { round: Round }) {
  const t = useT();
  const names = usePartnerNames();
  const byPartner = new Map(round.stances.flatMap((s) => (s.partnerId ? [[s.partnerId, s] as const] : [])));
  const reasons = roomReasons(round);
  const reasonOf = new Map(reasons.flatMap((r) => (r.partnerId ? [[r.partnerId, r.reason] as const] : [])));
  const { tally } = round;
  const named = roomNamesShown(round);
  const partners = [...round.eligiblePartnerIds].sort((a, b) =>
    (names.get(a) ?? a).localeCompare(names.get(b) ?? b, 'de'),
  );
  const manyPartners = partners.length > 6;
  return (
    <div className="present-round" data-testid="present-round" data-status={round.status}>
      {showsStances(tally) && (!named || manyPartners) && (
        <ul className="present-counts">
          {STANCES.map((stance) => (
            <li key={stance} className={`stance-${stance}`} data-testid={`present-count-${stance}`}>
              <StanceIcon stance={stance} size={32} />
              {t(`stance.${stance}`)} <strong>{tally[stance]}</strong>
            </li>
          ))}
        </ul>
      )}
      {named ? (
        <ul className={`present-grid ${manyPartners ? 'two-columns' : ''}`} data-testid="present-grid">
          {partners.map((partnerId) => {
            const stance = byPartner.get(partnerId);
            const reason = reasonOf.get(partnerId);
            return (
              <li key={partnerId} className="present-grid-cell" data-testid="present-grid-cell">
                <span className="present-grid-partner" dir="auto">
                  {names.get(partnerId) ?? t('tally.unknownPartner')}
                </span>
                {stance ? (
                  <span className={`present-grid-stance stance-${stance.stance}`}>
                    <StanceIcon stance={stance.stance} size={32} />
                    {t(`stance.${stance.stance}`)}
                  </span>
                ) : (
                  <span className="present-grid-waiting">{t('present.waiting')}</span>
                )}
                {reason && (
                  <p
                    className={`present-reason-text stance-${stance?.stance}`}
                    dir="auto"
                    data-testid="present-reason-text"
                  >
                    {reason}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      ) : (
        <>
          {round.visibility === 'hidden' && <p className="present-note">{t('present.hiddenNote')}</p>}
          {reasons.length > 0 && (
            <ul className="present-reasons" data-testid="present-reasons">
              {keyed(reasons).map((reason) => (
                <li
                  key={reason.key}
                  className={`present-reason present-reason-text stance-${reason.stance}`}
                  data-testid="present-reason"
                >
                  <strong className={`present-reason-stance stance-${reason.stance}`}>
                    <StanceIcon stance={reason.stance} size={32} />
                    {t(`stance.${reason.stance}`)}:
                  </strong>{' '}
                  <bdi data-testid="present-reason-text">{reason.reason}</bdi>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
