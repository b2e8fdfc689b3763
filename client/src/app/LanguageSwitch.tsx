import { LOCALES } from '../i18n/detect';
import { useLocale, useLocaleStore, useT } from '../i18n/locale';

/** Each language is named in itself, so someone who cannot read the current one still finds theirs. */
export function LanguageSwitch() {
  const t = useT();
  const locale = useLocale();
  const setLocale = useLocaleStore((s) => s.setLocale);
  return (
    <fieldset className="language-switch" data-testid="language-switch">
      <legend className="visually-hidden">{t('lang.label')}</legend>
      {LOCALES.map((value) => (
        <button
          key={value}
          type="button"
          lang={value}
          aria-pressed={locale === value}
          data-testid={`lang-${value}`}
          onClick={() => setLocale(value)}
        >
          {value === 'de' ? 'Deutsch' : 'English'}
        </button>
      ))}
    </fieldset>
  );
}
