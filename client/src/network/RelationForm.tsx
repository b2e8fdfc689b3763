import {
  MAX_RELATION_NOTE_CHARS,
  type Partner,
  RELATION_KINDS,
  type RelationKind,
} from '@common-ground/shared/api';
import { useId, useState } from 'react';
import { transparencyApi } from '../app/api';
import { ApiError } from '../app/apiError';
import { errorMessageKey } from '../app/errorMessage';
import type { MessageKey } from '../i18n/catalogues';
import { useT } from '../i18n/locale';
import { useBoardContext } from '../sync/SessionContext';
import { strengthLabel } from './relationText';

/** Adds a relation from one of `sources` (the own partner, or any for the facilitator) to another partner. */
export function RelationForm({
  sources,
  partners,
  onDone,
}: {
  sources: readonly Partner[];
  partners: readonly Partner[];
  onDone: () => void;
}) {
  const t = useT();
  const id = useId();
  const { boardId, token } = useBoardContext();
  const [from, setFrom] = useState(sources[0]?.id ?? '');
  const [to, setTo] = useState('');
  const [kind, setKind] = useState<RelationKind>('cooperation');
  const [strength, setStrength] = useState(2);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [saving, setSaving] = useState(false);
  const targets = partners.filter((p) => p.id !== from);
  const noteTooLong = note.trim().length > MAX_RELATION_NOTE_CHARS;

  const submit = async () => {
    setProblem(null);
    if (!to || to === from) return setProblem('relation.toRequired');
    if (noteTooLong) return;
    setSaving(true);
    try {
      await transparencyApi.addRelation(boardId, token, { from, to, kind, strength, note: note.trim() });
      onDone();
    } catch (failure) {
      const conflict =
        failure instanceof ApiError && failure.failure.kind === 'http' && failure.failure.status === 409;
      setProblem(conflict ? 'relation.exists' : errorMessageKey(failure));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="relation-form panel"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      data-testid="relation-form"
    >
      <h3>{t('relation.addHeading')}</h3>
      {problem && (
        <p className="alert" role="alert" data-testid="relation-error">
          {t(problem)}
        </p>
      )}
      <div className="relation-form-grid">
        <div className="field">
          <label htmlFor={`${id}-from`}>
            {sources.length === 1 ? t('relation.fromOwn') : t('relation.from')}
          </label>
          <select
            id={`${id}-from`}
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            data-testid="relation-from"
          >
            {sources.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('relation.to')}</label>
          <select
            id={`${id}-to`}
            value={to}
            onChange={(e) => setTo(e.target.value)}
            data-testid="relation-to"
          >
            <option value="">{t('relation.chooseTo')}</option>
            {targets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset className="field">
        <legend className="label">{t('relation.kind')}</legend>
        {RELATION_KINDS.map((value) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name={`${id}-kind`}
              value={value}
              checked={kind === value}
              onChange={() => setKind(value)}
              data-testid={`relation-kind-${value}`}
            />
            <span>
              {t(`relation.kind.${value}`)}
              <span className="hint"> – {t(`relation.kindHint.${value}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset className="field strength-choices">
        <legend className="label">{t('relation.strength')}</legend>
        {[1, 2, 3].map((value) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name={`${id}-strength`}
              checked={strength === value}
              onChange={() => setStrength(value)}
              data-testid={`relation-strength-${value}`}
            />
            {strengthLabel(value, t)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('relation.note')}</label>
        <p className="hint" id={`${id}-note-hint`}>
          {t('relation.noteHint')}
        </p>
        {noteTooLong && (
          <p className="field-error" id={`${id}-note-error`}>
            {t('relation.noteTooLong', { max: MAX_RELATION_NOTE_CHARS, count: note.trim().length })}
          </p>
        )}
        <input
          id={`${id}-note`}
          type="text"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          aria-describedby={`${id}-note-hint${noteTooLong ? ` ${id}-note-error` : ''}`}
          aria-invalid={noteTooLong || undefined}
          data-testid="relation-note"
        />
      </div>
      <div className="button-row">
        <button type="button" className="button secondary" onClick={onDone}>
          {t('board.cancel')}
        </button>
        <button type="submit" className="button" disabled={saving} data-testid="relation-submit">
          {saving ? t('relation.saving') : t('relation.submit')}
        </button>
      </div>
    </form>
  );
}
