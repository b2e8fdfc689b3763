import { useT } from '../i18n/locale';
import './pwa.css';

/**
 * Over plain http (anything but localhost) browsers give no service worker, no install and no clipboard: one calm
 * line says what still works, so that a failed offline reload later is no surprise.
 */
export function PlainConnectionNote() {
  const t = useT();
  if (window.isSecureContext) return null;
  return (
    <details className="plain-connection" data-testid="plain-connection-note">
      <summary>
        {t('plain.note')} <span className="plain-connection-why">{t('plain.why')}</span>
      </summary>
      <p>{t('plain.explanation')}</p>
    </details>
  );
}
