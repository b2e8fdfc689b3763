import { LANGUAGES, LOCALES } from '../i18n/languages';
import { useLocale, useLocaleStore, useT } from '../i18n/locale';

/** A globe, drawn rather than an emoji: cheap phones and Debian's Chromium lack an emoji font. */
function Globe() {
  return (
    <svg
      className="language-globe"
      viewBox="0 0 24 24"
      width="20"
      height="20"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="12" cy="12" r="9.25" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <ellipse cx="12" cy="12" rx="4" ry="9.25" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M3 12h18M4.5 7.5h15M4.5 16.5h15" fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}

/**
 * A native select: nine languages fit a phone's width, the phone's own picker opens, and each option is named in
 * its own language and script, so someone who cannot read the current language still finds theirs.
 */
export function LanguageSwitch() {
  const t = useT();
  const locale = useLocale();
  const setLocale = useLocaleStore((s) => s.setLocale);
  return (
    <label className="language-switch" data-testid="language-switch">
      <Globe />
      <span className="visually-hidden">{t('lang.label')}</span>
      <select
        value={locale}
        data-testid="language-select"
        onChange={(event) => setLocale(event.target.value as (typeof LOCALES)[number])}
      >
        {LOCALES.map((value) => (
          <option key={value} value={value} lang={LANGUAGES[value].tag} dir={LANGUAGES[value].dir}>
            {LANGUAGES[value].name}
          </option>
        ))}
      </select>
    </label>
  );
}
