import { Limits } from '@common-ground/shared/protocol';
import { type FormEvent, useId, useState } from 'react';
import { DialogButton } from '../app/DialogButton';
import { Field } from '../app/Field';
import { useT } from '../i18n/locale';
import { useBoardContext } from '../sync/SessionContext';

export function ProposeGoalButton() {
  const t = useT();
  return (
    <DialogButton
      label={
        <>
          <span aria-hidden="true">+</span> {t('goal.propose')}
        </>
      }
      title={t('goal.proposeHeading')}
      testId="propose-goal"
      dialogTestId="propose-dialog"
      className="button"
    >
      {(close) => <ProposeGoalForm onDone={close} />}
    </DialogButton>
  );
}

function ProposeGoalForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const id = useId();
  const { session } = useBoardContext();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [missingTitle, setMissingTitle] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) {
      setMissingTitle(true);
      return;
    }
    session.proposeGoal({ title: title.trim(), description: description.trim() });
    onDone();
  };

  return (
    <form onSubmit={submit} noValidate data-testid="propose-form">
      <Field
        id={`${id}-title`}
        label={t('goal.title')}
        hint={t('goal.titleHint')}
        error={missingTitle && t('goal.titleRequired')}
      >
        <input
          id={`${id}-title`}
          type="text"
          required
          maxLength={Limits.maxTitleChars}
          dir="auto"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          aria-invalid={missingTitle ? true : undefined}
          aria-describedby={`${id}-title-hint`}
          data-testid="propose-title"
        />
      </Field>
      <Field id={`${id}-description`} label={t('goal.description')} hint={t('goal.descriptionHint')}>
        <textarea
          id={`${id}-description`}
          rows={6}
          maxLength={Limits.maxDescriptionChars}
          dir="auto"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          aria-describedby={`${id}-description-hint`}
          data-testid="propose-description"
        />
      </Field>
      <div className="button-row">
        <button type="submit" className="button" data-testid="propose-submit">
          {t('goal.submit')}
        </button>
        <button type="button" className="button secondary" onClick={onDone}>
          {t('board.cancel')}
        </button>
      </div>
    </form>
  );
}
