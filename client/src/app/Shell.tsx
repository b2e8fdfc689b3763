import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { useT } from '../i18n/locale';
import { LanguageSwitch } from './LanguageSwitch';

/** The frame of every screen: skip link, brand, optional extra controls, the language switch, the content. */
export function Shell({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  const t = useT();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <Link href="/" className="brand">
          <img src="/favicon.svg" alt="" width="28" height="28" />
          <span className="brand-name">{t('app.name')}</span>
        </Link>
        {actions && <div className="topbar-actions">{actions}</div>}
        <LanguageSwitch />
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
