import { useT } from '../i18n/locale';
import { applyUpdate, useAppUpdate } from './serviceWorker';
import './pwa.css';

/** A calm line at the bottom of the screen; the person decides when to reload. */
export function UpdatePrompt() {
  const t = useT();
  const waiting = useAppUpdate((s) => s.waiting);
  if (!waiting) return null;
  return (
    <div className="update-prompt" role="status" data-testid="update-prompt">
      <span>{t('pwa.updateReady')}</span>
      <button
        type="button"
        className="button"
        onClick={() => applyUpdate(waiting)}
        data-testid="update-reload"
      >
        {t('pwa.reload')}
      </button>
    </div>
  );
}
