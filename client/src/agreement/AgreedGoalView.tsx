import type { AgreedGoal } from '@common-ground/shared/api';
import { Hyphenated } from '../app/hyphenation';
import { useLocale, useT } from '../i18n/locale';
import { formatDay } from '../rounds/format';
import { StanceIcon } from '../rounds/StanceIcon';
import { keyedStances } from '../rounds/stances';
import { AgreementChanges } from './AgreementChanges';

/**
 * One agreed goal in the agreement: its words, who does what, and how the partners decided — as agreed (frozen),
 * with what has changed on the board since.
 */
export function AgreedGoalView(props: {
  goal: AgreedGoal;
  index: number;
  partnerNames: ReadonlyMap<string, string>;
  decided: string;
}) {
  const { goal, index, partnerNames, decided } = props;
  const t = useT();
  const locale = useLocale();
  const name = (id: string | null) =>
    id ? (partnerNames.get(id) ?? t('tally.unknownPartner')) : t('agreement.anonymous');
  return (
    <article className="agreement-goal" data-testid="agreement-goal">
      <h3>
        {index}.{' '}
        <bdi>
          <Hyphenated text={goal.wording.title} />
        </bdi>
      </h3>
      {goal.wording.description && (
        <p className="agreement-description" dir="auto">
          {goal.wording.description}
        </p>
      )}
      {goal.changedSinceAgreement && <AgreementChanges changes={goal.changes} name={name} />}
      {!goal.structureFrozen && <p className="hint">{t('agreement.notFrozen')}</p>}
      <dl className="agreement-facts">
        <dt>{t('structure.lead')}</dt>
        <dd>{goal.leadPartnerId ? name(goal.leadPartnerId) : t('structure.noLead')}</dd>
        <dt>{t('structure.commitments')}</dt>
        <dd>
          {goal.commitments.length === 0 ? (
            t('agreement.noCommitments')
          ) : (
            <ul>
              {goal.commitments.map((c) => (
                <li key={c.partnerId}>
                  <strong>
                    <bdi>
                      <Hyphenated text={name(c.partnerId)} />
                    </bdi>
                    :
                  </strong>{' '}
                  <bdi>{c.text}</bdi>
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t('structure.reviewDate')}</dt>
        <dd>
          {goal.reviewDate ? formatDay(goal.reviewDate, locale) : t('agreement.noReview')}
          {goal.reviewDue && <strong> – {t('card.reviewDue')}</strong>}
        </dd>
        <dt>{t('agreement.decision')}</dt>
        <dd>{decided}</dd>
      </dl>
      <table className="agreement-stances">
        <caption>
          {t('agreement.stances', {
            responded: goal.round.tally.responded,
            eligible: goal.round.tally.eligible,
          })}
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <Hyphenated text={t('tally.partner')} />
            </th>
            <th scope="col">
              <Hyphenated text={t('tally.stance')} />
            </th>
            <th scope="col">
              <Hyphenated text={t('tally.reason')} />
            </th>
          </tr>
        </thead>
        <tbody>
          {keyedStances(goal.stances).map(({ key, stance: s }) => (
            <tr key={key}>
              <th scope="row">
                <Hyphenated text={name(s.partnerId)} />
              </th>
              <td>
                <StanceIcon stance={s.stance} /> {t(`stance.${s.stance}`)}
                {s.provisional && ` (${t('stance.provisionalShort')})`}
                {s.recordedByFacilitator && ` (${t('stance.byFacilitator')})`}
              </td>
              <td>{s.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
