import type { AgreementChange } from '@common-ground/shared/api';
import { useLocale, useT } from '../i18n/locale';
import { formatDay } from '../rounds/format';

/** What changed on the board since the agreement: the agreed value next to the current one, per change. */
export function AgreementChanges(props: {
  changes: readonly AgreementChange[];
  name: (partnerId: string) => string;
}) {
  const { changes, name } = props;
  const t = useT();
  const locale = useLocale();
  const lead = (id: string | null) => (id ? name(id) : t('agreement.change.noLead'));
  const text = (value: string | null) =>
    value === null ? t('agreement.change.noCommitment') : t('agreement.change.quoted', { text: value });
  const day = (value: string | null) => (value ? formatDay(value, locale) : t('agreement.change.noDate'));
  const line = (change: AgreementChange): string => {
    switch (change.part) {
      case 'wording':
        return t('agreement.change.wording');
      case 'lead':
        return t('agreement.change.lead', { agreed: lead(change.agreed), current: lead(change.current) });
      case 'commitment':
        return t('agreement.change.commitment', {
          partner: name(change.partnerId),
          agreed: text(change.agreed),
          current: text(change.current),
        });
      case 'reviewDate':
        return t('agreement.change.reviewDate', { agreed: day(change.agreed), current: day(change.current) });
    }
  };
  return (
    <div className="alert" data-testid="agreement-changes">
      <p>{t('agreement.changes')}</p>
      <ul>
        {changes.map((change) => (
          <li key={change.part === 'commitment' ? `commitment-${change.partnerId}` : change.part}>
            {line(change)}
          </li>
        ))}
      </ul>
    </div>
  );
}
