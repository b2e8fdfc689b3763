import { isReviewDue, MAX_COMMITMENT_CHARS } from '@common-ground/shared/schema';
import { useId } from 'react';
import { useLocale, useT } from '../i18n/locale';
import { formatDay, today } from '../rounds/format';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { useMyPartnerId } from './lookups';

/** Who leads an agreed goal, what each supporting partner commits, and when the partners look at it again. */
export function GoalStructureForm({ goalId, editable }: { goalId: string; editable: boolean }) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const { session, role } = useBoardContext();
  const myPartnerId = useMyPartnerId();
  const structure = useBoard((s) => s.details[goalId]?.structure);
  const partners = useBoard((s) => s.partners);
  if (!structure) return null;
  // The server puts back anything else (server/src/rooms/writePermissions.ts): offering it would only mislead.
  const leadEditable = editable && role === 'facilitator';
  const commitmentEditable = (partnerId: string) =>
    editable && (role === 'facilitator' || (role === 'partner' && myPartnerId === partnerId));
  const someCommitmentLocked = editable && partners.some((p) => !commitmentEditable(p.id));
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
          disabled={!leadEditable}
          aria-describedby={editable && !leadEditable ? `${id}-lead-why` : undefined}
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
        {editable && !leadEditable && (
          <span id={`${id}-lead-why`} className="hint" data-testid="structure-lead-why">
            {t('structure.leadFacilitatorOnly')}
          </span>
        )}
      </div>
      <fieldset>
        <legend>{t('structure.commitments')}</legend>
        <p className="hint">{t('structure.commitmentsHint')}</p>
        {someCommitmentLocked && (
          <p id={`${id}-commit-why`} className="hint" data-testid="structure-commitment-why">
            {t('structure.commitmentOwnOnly')}
          </p>
        )}
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
              readOnly={!commitmentEditable(p.id)}
              aria-describedby={editable && !commitmentEditable(p.id) ? `${id}-commit-why` : undefined}
              onBlur={(e) => {
                if (!commitmentEditable(p.id)) return;
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
