import { PARTNER_KINDS, type Partner } from '@common-ground/shared/api';
import { Limits } from '@common-ground/shared/protocol';
import { useT } from '../i18n/locale';
import type { JoinErrors, JoinField } from './joinValidation';

/** Pick your organisation from those already on the board, or add a new one (name and kind). */
export function PartnerChoice(props: {
  idPrefix: string;
  partners: readonly Partner[];
  choice: string;
  onChoice: (choice: string) => void;
  newName: string;
  onNewName: (name: string) => void;
  newKind: string;
  onNewKind: (kind: string) => void;
  errors: JoinErrors;
  fieldId: (field: JoinField) => string;
}) {
  const t = useT();
  const { idPrefix, partners, choice, errors, fieldId } = props;
  const radioName = `${idPrefix}-partner`;
  return (
    <fieldset
      id={fieldId('partner')}
      tabIndex={-1}
      aria-invalid={errors.partner ? true : undefined}
      data-testid="partner-choice"
    >
      <legend>{t('join.orgHeading')}</legend>
      {errors.partner && <p className="field-error">{t(errors.partner)}</p>}
      {partners.length > 0 && <p className="hint">{t('join.orgExisting')}</p>}
      {partners.map((partner) => (
        <label key={partner.id} className="choice">
          <input
            type="radio"
            name={radioName}
            value={partner.id}
            checked={choice === partner.id}
            onChange={() => props.onChoice(partner.id)}
          />
          <span>
            <span className="choice-title">{partner.name}</span>
            <span className="hint choice-kind">{t(`kind.${partner.kind}`)}</span>
          </span>
        </label>
      ))}
      <label className="choice">
        <input
          type="radio"
          name={radioName}
          value="new"
          checked={choice === 'new'}
          onChange={() => props.onChoice('new')}
          data-testid="partner-new"
        />
        <span className="choice-title">{t('join.orgNew')}</span>
      </label>
      {choice === 'new' && (
        <div className="new-partner">
          <div className="field">
            <label htmlFor={fieldId('partnerName')}>{t('join.orgNewName')}</label>
            {errors.partnerName && <span className="field-error">{t(errors.partnerName)}</span>}
            <input
              id={fieldId('partnerName')}
              type="text"
              autoComplete="organization"
              maxLength={Limits.maxNameChars}
              dir="auto"
              value={props.newName}
              onChange={(e) => props.onNewName(e.target.value)}
              aria-invalid={errors.partnerName ? true : undefined}
              data-testid="partner-name"
            />
          </div>
          <div className="field">
            <label htmlFor={fieldId('partnerKind')}>{t('join.orgKind')}</label>
            {errors.partnerKind && <span className="field-error">{t(errors.partnerKind)}</span>}
            <select
              id={fieldId('partnerKind')}
              value={props.newKind}
              onChange={(e) => props.onNewKind(e.target.value)}
              aria-invalid={errors.partnerKind ? true : undefined}
              data-testid="partner-kind"
            >
              <option value="">{t('join.orgKindChoose')}</option>
              {PARTNER_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`kind.${kind}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
    </fieldset>
  );
}
