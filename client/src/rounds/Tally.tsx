import { type RecordedStance, type Round, showsStances } from '@common-ground/shared/api';
import { STANCES } from '@common-ground/shared/rules';
import { Hyphenated } from '../app/hyphenation';
import { usePartnerNames } from '../board/lookups';
import { useT } from '../i18n/locale';
import { StanceIcon } from './StanceIcon';
import { keyedStances } from './stances';

/** Current stances shown with names: who may see them is the server's decision (null = hidden). */
const named = (round: Round) =>
  round.stances.filter((s): s is RecordedStance & { partnerId: string } => Boolean(s.partnerId));

/** Every partner's stance is shown with its name: an open round, or a hidden one once closed. */
const everyoneNamed = (round: Round) =>
  round.visibility === 'open' || (round.visibility === 'hidden' && round.status === 'closed');

/**
 * The live or final count. With names where the round's visibility allows (a partner × stance grid; otherwise
 * only the own partner's row), the counts per stance where the server shows them (not in a hidden round before
 * it closes). The facilitator also sees who has not answered yet, where names are visible.
 */
export function Tally({ round, showMissing }: { round: Round; showMissing: boolean }) {
  const t = useT();
  const names = usePartnerNames();
  const { tally } = round;
  const withNames = named(round);
  const allNamed = everyoneNamed(round);
  const byPartner = new Map(withNames.map((s) => [s.partnerId, s]));
  const eligible = [...round.eligiblePartnerIds].sort((a, b) =>
    (names.get(a) ?? a).localeCompare(names.get(b) ?? b, 'de'),
  );
  const missing = eligible.filter((partnerId) => !byPartner.has(partnerId));
  const anonymousReasons = round.stances.filter((s) => !s.partnerId && s.reason);

  return (
    <div className="tally" data-testid="tally">
      <p className="tally-summary" data-testid="tally-summary">
        {t('tally.responded', { responded: tally.responded, eligible: tally.eligible })}
      </p>
      {showsStances(tally) ? (
        <ul className="tally-counts">
          {STANCES.map((stance) => (
            <li key={stance} className={`tally-count stance-${stance}`} data-testid={`tally-${stance}`}>
              <StanceIcon stance={stance} />
              {/* Two counts side by side on a phone: a long name ("Застереження") breaks at a hyphen, not past the number. */}
              <span>
                <Hyphenated text={t(`stance.${stance}`)} />
              </span>
              <strong>{tally[stance]}</strong>
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint" data-testid="tally-sealed">
          {t('tally.sealed')}
        </p>
      )}
      {withNames.length > 0 && (
        <table className="tally-grid" data-testid="tally-grid">
          <caption className="visually-hidden">{t('tally.gridCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('tally.partner')}</th>
              <th scope="col">{t('tally.stance')}</th>
              <th scope="col">{t('tally.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {eligible.map((partnerId) => {
              const stance = byPartner.get(partnerId);
              if (!stance && !allNamed) return null;
              return (
                <tr key={partnerId} data-testid="tally-row">
                  <th scope="row">
                    <bdi>{names.get(partnerId) ?? t('tally.unknownPartner')}</bdi>
                  </th>
                  <td>
                    {stance ? (
                      <span className={`stance-tag stance-${stance.stance}`}>
                        <StanceIcon stance={stance.stance} />
                        {t(`stance.${stance.stance}`)}
                      </span>
                    ) : (
                      <span className="muted">{t('tally.noAnswer')}</span>
                    )}
                    {stance?.provisional && <span className="badge">{t('stance.provisionalShort')}</span>}
                    {stance?.recordedByFacilitator && (
                      <span className="badge">{t('stance.byFacilitator')}</span>
                    )}
                  </td>
                  <td>{stance?.reason ?? ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {anonymousReasons.length > 0 && (
        <div>
          <h4>{t('tally.reasonsUnnamed')}</h4>
          <ul className="reason-list">
            {keyedStances(anonymousReasons).map(({ key, stance: s }) => (
              <li key={key}>
                <span className={`stance-tag stance-${s.stance}`}>
                  <StanceIcon stance={s.stance} />
                  {t(`stance.${s.stance}`)}
                </span>{' '}
                {s.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {showMissing && round.status === 'open' && allNamed && missing.length > 0 && (
        <p data-testid="tally-missing">
          <strong>{t('tally.missing')}</strong> {missing.map((id) => names.get(id) ?? id).join(', ')}
        </p>
      )}
      {showMissing && round.status === 'open' && !allNamed && (
        <p className="hint">{t('tally.missingHidden')}</p>
      )}
    </div>
  );
}
