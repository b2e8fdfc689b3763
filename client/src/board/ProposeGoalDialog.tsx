import { Limits } from '@common-ground/shared';
import { type FormEvent, useId, useState } from 'react';
import { Dialog } from '../app/Dialog';
import { useT } from '../i18n/locale';
import { useBoardContext } from '../sync/SessionContext';

export function ProposeGoalButton() {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)} data-testid="propose-goal">
        <span aria-hidden="true">+</span> {t('goal.propose')}
      </button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={t('goal.proposeHeading')}
        testId="propose-dialog"
      >
        <ProposeGoalForm onDone={() => setOpen(false)} />
      </Dialog>
    </>
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
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('goal.title')}</label>
        <span className="hint" id={`${id}-title-hint`}>
          {t('goal.titleHint')}
        </span>
        {missingTitle && (
          <span className="field-error" role="alert">
            {t('goal.titleRequired')}
          </span>
        )}
        <input
          id={`${id}-title`}
          type="text"
          required
          maxLength={Limits.maxTitleChars}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          aria-invalid={missingTitle ? true : undefined}
          aria-describedby={`${id}-title-hint`}
          data-testid="propose-title"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>{t('goal.description')}</label>
        <span className="hint" id={`${id}-description-hint`}>
          {t('goal.descriptionHint')}
        </span>
        <textarea
          id={`${id}-description`}
          rows={6}
          maxLength={Limits.maxDescriptionChars}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          aria-describedby={`${id}-description-hint`}
          data-testid="propose-description"
        />
      </div>
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
