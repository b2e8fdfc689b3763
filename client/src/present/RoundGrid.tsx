import { type Round, showsStances } from '@common-ground/shared/api';
import { STANCES } from '@common-ground/shared/rules';
import { usePartnerNames } from '../board/lookups';
import { useT } from '../i18n/locale';
import { StanceIcon } from '../rounds/StanceIcon';

/**
 * The round for the room: how many answered; the counts per stance where the server shows them; per partner its
 * stance where the round's visibility shows everyone's names (the record holds every round as everyone may see
 * it, so a hidden round shows only how many answered until it closes).
 */
export function RoundGrid({ round }: { round: Round }) {
  const t = useT();
  const names = usePartnerNames();
  const byPartner = new Map(round.stances.flatMap((s) => (s.partnerId ? [[s.partnerId, s] as const] : [])));
  const { tally } = round;
  // Decided by the visibility, not by the stances at hand: a partner's own stance alone names nobody else.
  const named = round.visibility === 'open' || (round.visibility === 'hidden' && round.status === 'closed');
  const partners = [...round.eligiblePartnerIds].sort((a, b) =>
    (names.get(a) ?? a).localeCompare(names.get(b) ?? b, 'de'),
  );
  return (
    <div className="present-round" data-testid="present-round" data-status={round.status}>
      <p className="present-round-head">
        <strong>
          {t(round.status === 'open' ? 'present.roundOpen' : 'present.roundClosed', { number: round.number })}
        </strong>{' '}
        · {t('present.responded', { responded: tally.responded, eligible: tally.eligible })}
      </p>
      {showsStances(tally) && (
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
        <ul className={`present-grid ${partners.length > 6 ? 'two-columns' : ''}`} data-testid="present-grid">
          {partners.map((partnerId) => {
            const stance = byPartner.get(partnerId);
            return (
              <li key={partnerId} className="present-grid-cell" data-testid="present-grid-cell">
                <span className="present-grid-partner">
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
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="present-note">
          {t(round.visibility === 'anonymous' ? 'present.anonymousNote' : 'present.hiddenNote')}
        </p>
      )}
    </div>
  );
}
