import { MAX_PRIVACY_NOTE_CHARS } from '@common-ground/shared/api';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { DialogButton } from '../app/DialogButton';
import { errorMessageKey } from '../app/errorMessage';
import type { MessageKey } from '../i18n/catalogues';
import { useT } from '../i18n/locale';
import { useBoardContext } from '../sync/SessionContext';
import { privacyApi } from './privacyApi';
import './privacy.css';

/** The facilitator's way to complete the privacy notice for this board (shown on the join page). */
export function PrivacyNoteButton() {
  const t = useT();
  return (
    <DialogButton
      label={t('privacy.noteButton')}
      title={t('privacy.noteHeading')}
      testId="privacy-note-button"
      dialogTestId="privacy-note-dialog"
    >
      {(close) => <PrivacyNoteForm onDone={close} />}
    </DialogButton>
  );
}

function PrivacyNoteForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const id = useId();
  const { boardId, token } = useBoardContext();
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<MessageKey | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    privacyApi.note(boardId, token).then(
      (note) => {
        if (current) setText(note.text);
      },
      // No form without the current note: saving an empty one would remove it.
      (caught: unknown) => {
        if (current) setError(errorMessageKey(caught));
      },
    );
    return () => {
      current = false;
    };
  }, [boardId, token]);

  // Counted as the server counts (UTF-16 units of the trimmed text), so the limit shown is the one that holds.
  const length = (text ?? '').trim().length;
  const over = length > MAX_PRIVACY_NOTE_CHARS;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (text === null || busy) return;
    setSaved(false);
    if (over) return setError('privacy.noteTooLong');
    setBusy(true);
    setError(null);
    try {
      const note = await privacyApi.saveNote(boardId, token, text);
      setText(note.text);
      setSaved(true);
    } catch (caught) {
      setError(errorMessageKey(caught));
    } finally {
      setBusy(false);
    }
  };

  if (text === null) {
    return error ? (
      <p className="alert" role="alert" data-testid="privacy-note-error">
        {t(error)}
      </p>
    ) : (
      <p role="status">{t('transparency.loading')}</p>
    );
  }
  return (
    <form onSubmit={submit} noValidate data-testid="privacy-note-form">
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('privacy.noteLabel')}</label>
        <span className="hint" id={`${id}-hint`}>
          {t('privacy.noteHint', { max: MAX_PRIVACY_NOTE_CHARS })}
        </span>
        <textarea
          id={`${id}-note`}
          className="privacy-note-input"
          dir="auto"
          rows={8}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setSaved(false);
          }}
          aria-invalid={over ? true : undefined}
          aria-describedby={`${id}-hint ${id}-count`}
          data-testid="privacy-note-input"
        />
        <span
          id={`${id}-count`}
          className={over ? 'hint privacy-note-count is-over' : 'hint privacy-note-count'}
          data-testid="privacy-note-count"
        >
          {t('privacy.noteCount', { count: length, max: MAX_PRIVACY_NOTE_CHARS })}
        </span>
      </div>
      {error && (
        <p className="alert" role="alert" data-testid="privacy-note-error">
          {error === 'privacy.noteTooLong' ? t(error, { max: MAX_PRIVACY_NOTE_CHARS }) : t(error)}
        </p>
      )}
      <p role="status" data-testid="privacy-note-status">
        {saved ? t('privacy.noteSaved') : ''}
      </p>
      <div className="button-row">
        <button type="submit" className="button" aria-disabled={busy} data-testid="privacy-note-save">
          {t('privacy.noteSave')}
        </button>
        <button type="button" className="button secondary" onClick={onDone}>
          {t('board.close')}
        </button>
      </div>
    </form>
  );
}
