import { Limits } from '@common-ground/shared/protocol';
import {
  type GoalTranslation,
  isTranslationOutdated,
  TRANSLATION_LANGUAGES,
  type TranslationLanguage,
} from '@common-ground/shared/schema';
import { type FormEvent, useId, useState } from 'react';
import { Field } from '../app/Field';
import { isLocale, LANGUAGES, textDirection } from '../i18n/languages';
import { useLocale, useT } from '../i18n/locale';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { useTranslatorNames } from './translations';

const NO_TRANSLATIONS: readonly GoalTranslation[] = [];

/**
 * The goal dialog's "Übersetzungen": every translation with who wrote it (the server's record) and whether it is
 * outdated; people who may write add one for a language or edit one. The original stays the binding wording.
 */
export function GoalTranslations({ goalId, editable }: { goalId: string; editable: boolean }) {
  const t = useT();
  const locale = useLocale();
  const headingId = useId();
  const goal = useBoard((s) => s.goals.find((g) => g.id === goalId));
  const details = useBoard((s) => s.details[goalId]?.translations);
  const translations = details?.translations ?? NO_TRANSLATIONS;
  const originalLang = details?.lang ?? 'de';
  const [editing, setEditing] = useState<TranslationLanguage | null>(null);
  const [adding, setAdding] = useState(false);
  if (!goal) return null;
  const free = TRANSLATION_LANGUAGES.filter(
    (lang) => lang !== originalLang && !translations.some((tr) => tr.lang === lang),
  );
  // The reader's own language first: that is the translation they are most likely to write.
  const readerLang = locale === 'de-simple' ? 'de' : locale;
  const firstFree = free.find((lang) => lang === readerLang) ?? free[0];

  return (
    <section className="goal-translations" aria-labelledby={headingId} data-testid="goal-translations">
      <h3 id={headingId}>{t('translation.heading')}</h3>
      <p className="hint">{t('translation.hint')}</p>
      {translations.length === 0 && !adding && <p>{t('translation.none')}</p>}
      {translations.length > 0 && (
        <ul>
          {translations.map((translation) =>
            editing === translation.lang ? (
              <li key={translation.lang}>
                <TranslationForm
                  goalId={goalId}
                  initial={translation}
                  languages={[translation.lang]}
                  onDone={() => setEditing(null)}
                />
              </li>
            ) : (
              <TranslationItem
                key={translation.lang}
                goalId={goalId}
                translation={translation}
                outdated={isTranslationOutdated(translation, goal)}
                editable={editable}
                onEdit={() => setEditing(translation.lang)}
              />
            ),
          )}
        </ul>
      )}
      {editable && adding && firstFree && (
        <TranslationForm
          goalId={goalId}
          initial={null}
          languages={[firstFree, ...free.filter((lang) => lang !== firstFree)]}
          onDone={() => setAdding(false)}
        />
      )}
      {editable && !adding && free.length > 0 && (
        <button
          type="button"
          className="button secondary"
          onClick={() => setAdding(true)}
          data-testid="translation-add"
        >
          {t('translation.add')}
        </button>
      )}
    </section>
  );
}

function TranslationItem({
  goalId,
  translation,
  outdated,
  editable,
  onEdit,
}: {
  goalId: string;
  translation: GoalTranslation;
  outdated: boolean;
  editable: boolean;
  onEdit: () => void;
}) {
  const t = useT();
  const { session } = useBoardContext();
  const authors = useBoard((s) => s.authors);
  const names = useTranslatorNames(authors, goalId, translation.lang);
  const language = LANGUAGES[translation.lang].name;
  return (
    <li data-testid="translation-item" data-lang={translation.lang}>
      <div className="translation-item-head">
        <strong>{language}</strong>
        {outdated && (
          <span
            className="badge outdated"
            title={t('translation.outdatedHint')}
            data-testid="translation-outdated"
          >
            {t('translation.outdated')}
          </span>
        )}
      </div>
      {names && <p className="hint">{t('translation.translatedBy', { names })}</p>}
      <div lang={translation.lang} dir={textDirection(translation.lang)}>
        <p className="translation-item-title">{translation.title}</p>
        {translation.description && <p className="translation-item-description">{translation.description}</p>}
      </div>
      {editable && (
        <div className="button-row">
          <button type="button" className="button secondary" onClick={onEdit} data-testid="translation-edit">
            {t('translation.edit', { language })}
          </button>
          <button
            type="button"
            className="button secondary"
            onClick={() => session.removeGoalTranslation(goalId, translation.lang)}
            data-testid="translation-remove"
          >
            {t('translation.remove', { language })}
          </button>
        </div>
      )}
    </li>
  );
}

/**
 * Adds or edits one translation. Saved as a whole when the person is done (not per keystroke): saving marks it as
 * based on the original as it stands then, so a translator who re-reads an outdated one and saves makes it current.
 */
function TranslationForm({
  goalId,
  initial,
  languages,
  onDone,
}: {
  goalId: string;
  initial: GoalTranslation | null;
  languages: readonly TranslationLanguage[];
  onDone: () => void;
}) {
  const t = useT();
  const id = useId();
  const { session } = useBoardContext();
  const [lang, setLang] = useState<TranslationLanguage>(initial?.lang ?? languages[0] ?? 'en');
  const [title, setTitle] = useState(initial?.title ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [problem, setProblem] = useState(false);
  const language = LANGUAGES[lang].name;
  const dir = isLocale(lang) ? textDirection(lang) : 'ltr';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim() && !description.trim()) return setProblem(true);
    setProblem(false);
    if (session.setGoalTranslation(goalId, lang, { title, description })) onDone();
  };

  return (
    <form className="translation-form" onSubmit={submit} noValidate data-testid="translation-form">
      {languages.length > 1 && (
        <div className="field">
          <label htmlFor={`${id}-lang`}>{t('translation.language')}</label>
          <select
            id={`${id}-lang`}
            value={lang}
            onChange={(e) => {
              const next = languages.find((l) => l === e.target.value);
              if (next) setLang(next);
            }}
            data-testid="translation-language"
          >
            {languages.map((value) => (
              <option key={value} value={value} lang={value}>
                {LANGUAGES[value].name}
              </option>
            ))}
          </select>
        </div>
      )}
      {problem && (
        <p className="field-error" role="alert">
          {t('translation.empty')}
        </p>
      )}
      <Field id={`${id}-title`} label={t('translation.title', { language })}>
        <input
          id={`${id}-title`}
          type="text"
          lang={lang}
          dir={dir}
          maxLength={Limits.maxTitleChars}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          data-testid="translation-title"
        />
      </Field>
      <Field id={`${id}-description`} label={t('translation.description', { language })}>
        <textarea
          id={`${id}-description`}
          rows={5}
          lang={lang}
          dir={dir}
          maxLength={Limits.maxDescriptionChars}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          data-testid="translation-description"
        />
      </Field>
      <div className="button-row">
        <button type="submit" className="button" data-testid="translation-save">
          {t('translation.save')}
        </button>
        <button type="button" className="button secondary" onClick={onDone}>
          {t('translation.cancel')}
        </button>
      </div>
    </form>
  );
}
