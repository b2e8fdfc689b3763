import { isReviewDue, MAX_COMMITMENT_CHARS } from '@common-ground/shared';
import { useId } from 'react';
import { useLocale, useT } from '../i18n/locale';
import { formatDay, today } from '../rounds/format';
import { useBoard, useBoardContext } from '../sync/SessionContext';

/** Who leads an agreed goal, what each supporting partner commits, and when the partners look at it again. */
export function GoalStructureForm({ goalId, editable }: { goalId: string; editable: boolean }) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const { session } = useBoardContext();
  const structure = useBoard((s) => s.details[goalId]?.structure);
  const partners = useBoard((s) => s.partners);
  if (!structure) return null;
  const commitment = (partnerId: string) =>
    structure.commitments.find((c) => c.partnerId === partnerId)?.text ?? '';
  const due = isReviewDue(structure, today());

  return (
    <section className="goal-section" aria-labelledby={`${id}-heading`} data-testid="goal-structure">
      <h3 id={`${id}-heading`}>{t('structure.heading')}</h3>
      <p className="hint">{t('structure.explain')}</p>
      <div className="field">
        <label htmlFor={`${id}-lead`}>{t('structure.lead')}</label>
        <select
          id={`${id}-lead`}
          value={structure.leadPartnerId ?? ''}
          disabled={!editable}
          onChange={(e) => session.setGoalLead(goalId, e.target.value || null)}
          data-testid="structure-lead"
        >
          <option value="">{t('structure.noLead')}</option>
          {partners.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>{t('structure.commitments')}</legend>
        <p className="hint">{t('structure.commitmentsHint')}</p>
        {partners.map((p) => (
          <div className="field" key={p.id}>
            <label htmlFor={`${id}-commit-${p.id}`}>{p.name}</label>
            {/* Saved when the person leaves the field; keyed by the stored text so others' edits show up. */}
            <input
              key={commitment(p.id)}
              id={`${id}-commit-${p.id}`}
              type="text"
              maxLength={MAX_COMMITMENT_CHARS}
              defaultValue={commitment(p.id)}
              readOnly={!editable}
              onBlur={(e) => {
                if (e.target.value.trim() !== commitment(p.id))
                  session.setCommitment(goalId, p.id, e.target.value);
              }}
              data-testid="structure-commitment"
            />
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-review`}>{t('structure.reviewDate')}</label>
        <input
          id={`${id}-review`}
          type="date"
          value={structure.reviewDate ?? ''}
          readOnly={!editable}
          onChange={(e) => session.setReviewDate(goalId, e.target.value || null)}
          data-testid="structure-review"
        />
        {structure.reviewDate && (
          <span className={due ? 'field-error' : 'hint'}>
            {due
              ? t('structure.reviewDue', { date: formatDay(structure.reviewDate, locale) })
              : t('structure.reviewOn', { date: formatDay(structure.reviewDate, locale) })}
          </span>
        )}
      </div>
    </section>
  );
}
