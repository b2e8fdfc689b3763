import type { MinutesResponse, NextStep } from '@common-ground/shared/api';
import { MAX_MINUTES_NOTES_CHARS, MAX_NEXT_STEP_CHARS, MAX_NEXT_STEPS } from '@common-ground/shared/api';
import { useId, useRef, useState } from 'react';
import { useLocale, useT } from '../i18n/locale';
import { formatDay } from '../rounds/format';
import type { MinutesEdit } from './edit';
import { minutesApi, newMinutesId } from './minutesApi';
import type { MinutesNames } from './names';

/** Next steps and notes as everyone reads them (and as they are printed). */
export function NextStepsView(props: { minutes: MinutesResponse; names: MinutesNames; printOnly: boolean }) {
  const { minutes, names, printOnly } = props;
  const t = useT();
  const locale = useLocale();
  const headingId = useId();
  const notesId = useId();
  const { nextSteps, notes } = minutes.content;
  return (
    <div className={printOnly ? 'print-only' : undefined}>
      <section className="minutes-section" aria-labelledby={headingId} data-testid="minutes-next-steps">
        <h2 id={headingId}>{t('minutes.nextSteps')}</h2>
        {nextSteps.length === 0 ? (
          <p>{t('minutes.noNextSteps')}</p>
        ) : (
          <table className="minutes-steps">
            <thead>
              <tr>
                <th scope="col">{t('minutes.stepWhat')}</th>
                <th scope="col">{t('minutes.stepWho')}</th>
                <th scope="col">{t('minutes.stepWhen')}</th>
              </tr>
            </thead>
            <tbody>
              {nextSteps.map((step) => (
                <tr key={step.id} data-testid="next-step">
                  <td dir="auto" data-label={t('minutes.stepWhat')}>
                    {step.text}
                  </td>
                  <td data-label={t('minutes.stepWho')}>
                    <bdi>
                      {step.ownerPartnerId ? names.partner(step.ownerPartnerId) : t('minutes.nobody')}
                    </bdi>
                  </td>
                  <td data-label={t('minutes.stepWhen')}>
                    {step.due ? formatDay(step.due, locale) : t('minutes.noDue')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="minutes-section" aria-labelledby={notesId} data-testid="minutes-notes">
        <h2 id={notesId}>{t('minutes.notes')}</h2>
        {notes ? (
          <p className="minutes-notes" dir="auto">
            {notes}
          </p>
        ) : (
          <p>{t('minutes.noNotes')}</p>
        )}
      </section>
    </div>
  );
}

interface StepRow {
  readonly id: string;
  readonly text: string;
  readonly owner: string;
  readonly due: string;
}
interface Form {
  readonly steps: readonly StepRow[];
  readonly notes: string;
}

const formOf = (steps: readonly NextStep[], notes: string | null): Form => ({
  steps: steps.map((s) => ({ id: s.id, text: s.text, owner: s.ownerPartnerId ?? '', due: s.due ?? '' })),
  notes: notes ?? '',
});
const same = (a: Form, b: Form) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The facilitator's form for next steps and notes (a draft only). It keeps what the person typed when the minutes
 * change underneath (an attendance correction saved meanwhile); the page remounts it after a conflict.
 */
export function NextStepsEditor(props: {
  minutes: MinutesResponse;
  edit: MinutesEdit;
  onConflict: () => void;
}) {
  const { minutes, edit, onConflict } = props;
  const t = useT();
  const id = useId();
  const saved = formOf(minutes.content.nextSteps, minutes.content.notes);
  const [form, setForm] = useState(saved);
  const [base, setBase] = useState(saved);
  const [emptyStep, setEmptyStep] = useState<string | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  // Saved content changed (this form's save, or another change): follow it unless the person has unsaved edits.
  if (!same(saved, base)) {
    setBase(saved);
    if (same(form, base)) setForm(saved);
  }

  const setStep = (stepId: string, change: Partial<StepRow>) =>
    setForm((f) => ({ ...f, steps: f.steps.map((s) => (s.id === stepId ? { ...s, ...change } : s)) }));
  const addStep = () => {
    const step = { id: newMinutesId(), text: '', owner: '', due: '' };
    setForm((f) => ({ ...f, steps: [...f.steps, step] }));
    // The new row's first field, once it is drawn.
    requestAnimationFrame(() => document.getElementById(`${id}-${step.id}-text`)?.focus());
  };
  const removeStep = (stepId: string) => {
    setForm((f) => ({ ...f, steps: f.steps.filter((s) => s.id !== stepId) }));
    // The pressed button is gone with its row: focus goes to "add a step" (drawn again if the list was full).
    requestAnimationFrame(() => addRef.current?.focus());
  };

  const save = async () => {
    const empty = form.steps.find((s) => !s.text.trim());
    if (empty) {
      setEmptyStep(empty.id);
      document.getElementById(`${id}-${empty.id}-text`)?.focus();
      return;
    }
    setEmptyStep(null);
    const version = minutes.version;
    const nextSteps = form.steps.map((s) => ({
      id: s.id,
      text: s.text.trim(),
      ownerPartnerId: s.owner || null,
      due: s.due || null,
    }));
    const done = await edit.run(
      (token) =>
        minutesApi.update(edit.boardId, token, edit.meetingId, { version, nextSteps, notes: form.notes }),
      t('minutes.saved'),
    );
    // Not saved because someone else changed the minutes: start again from what is stored now.
    if (done === 'conflict') onConflict();
  };

  return (
    <form
      className="minutes-section minutes-editor screen-only"
      aria-labelledby={`${id}-heading`}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      data-testid="minutes-editor"
    >
      <h2 id={`${id}-heading`}>{t('minutes.nextSteps')}</h2>
      {form.steps.length === 0 && <p>{t('minutes.noNextSteps')}</p>}
      <ol className="minutes-step-rows">
        {form.steps.map((step, index) => (
          <li key={step.id} className="minutes-step-row" data-testid="step-row">
            <div className="field minutes-step-text">
              <label htmlFor={`${id}-${step.id}-text`}>{t('minutes.stepText', { number: index + 1 })}</label>
              <input
                id={`${id}-${step.id}-text`}
                type="text"
                value={step.text}
                maxLength={MAX_NEXT_STEP_CHARS}
                dir="auto"
                aria-invalid={emptyStep === step.id || undefined}
                onChange={(event) => setStep(step.id, { text: event.target.value })}
                data-testid="step-text"
              />
              {emptyStep === step.id && (
                <p className="field-error" role="alert">
                  {t('minutes.stepEmpty')}
                </p>
              )}
            </div>
            <div className="field">
              <label htmlFor={`${id}-${step.id}-owner`}>{t('minutes.stepOwner')}</label>
              <select
                id={`${id}-${step.id}-owner`}
                value={step.owner}
                onChange={(event) => setStep(step.id, { owner: event.target.value })}
                data-testid="step-owner"
              >
                <option value="">{t('minutes.nobody')}</option>
                {minutes.partners.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-${step.id}-due`}>{t('minutes.stepDue')}</label>
              <input
                id={`${id}-${step.id}-due`}
                type="date"
                value={step.due}
                onChange={(event) => setStep(step.id, { due: event.target.value })}
                data-testid="step-due"
              />
            </div>
            <button
              type="button"
              className="button subtle minutes-step-remove"
              aria-label={t('minutes.removeStepLabel', { number: index + 1 })}
              onClick={() => removeStep(step.id)}
              data-testid="step-remove"
            >
              {t('minutes.removeStep')}
            </button>
          </li>
        ))}
      </ol>
      {form.steps.length < MAX_NEXT_STEPS && (
        <button
          type="button"
          className="button secondary"
          ref={addRef}
          onClick={addStep}
          data-testid="step-add"
        >
          {t('minutes.addStep')}
        </button>
      )}
      <div className="field minutes-notes-field">
        <label htmlFor={`${id}-notes`}>{t('minutes.notes')}</label>
        <textarea
          id={`${id}-notes`}
          value={form.notes}
          maxLength={MAX_MINUTES_NOTES_CHARS}
          dir="auto"
          onChange={(event) => setForm((f) => ({ ...f, notes: event.target.value }))}
          data-testid="minutes-notes-input"
        />
      </div>
      <div className="button-row">
        <button
          type="submit"
          className="button"
          aria-disabled={edit.working || undefined}
          data-testid="minutes-save"
        >
          {edit.working ? t('minutes.saving') : t('minutes.save')}
        </button>
      </div>
    </form>
  );
}
