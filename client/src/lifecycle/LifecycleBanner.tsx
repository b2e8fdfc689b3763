import { intlTag } from '../i18n/languages';
import { useLocale, useT } from '../i18n/locale';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { useLifecycleAction } from './useLifecycleAction';
import './lifecycle.css';

/**
 * On every device, live from the record document: "archived on … – read only", and for a pending deletion the day
 * it happens, with the facilitator's undo. Nothing while the board is active.
 */
export function LifecycleBanner() {
  const t = useT();
  const locale = useLocale();
  const { role } = useBoardContext();
  const lifecycle = useBoard((s) => s.lifecycle);
  const { busy, error, run } = useLifecycleAction();
  if (!lifecycle || (lifecycle.archivedAt === null && lifecycle.deleteAfter === null)) return null;
  const date = new Intl.DateTimeFormat(intlTag(locale), { dateStyle: 'long' });
  return (
    <section
      className="lifecycle-banner"
      aria-label={t('lifecycle.bannerLabel')}
      data-testid="lifecycle-banner"
    >
      {lifecycle.deleteAfter !== null && (
        <div className="alert lifecycle-deletion" role="status" data-testid="deletion-banner">
          <p>{t('lifecycle.deletionBanner', { date: date.format(lifecycle.deleteAfter) })}</p>
          {role === 'facilitator' && (
            <button
              type="button"
              className="button"
              aria-disabled={busy}
              onClick={() => void run('restoreDeletion')}
              data-testid="restore-deletion"
            >
              {t('lifecycle.undoDeletion')}
            </button>
          )}
        </div>
      )}
      {lifecycle.archivedAt !== null && (
        <p className="alert info lifecycle-archived" role="status" data-testid="archived-banner">
          {t('lifecycle.archivedBanner', { date: date.format(lifecycle.archivedAt) })}
        </p>
      )}
      {error && (
        <p className="alert" role="alert">
          {t(error)}
        </p>
      )}
    </section>
  );
}
