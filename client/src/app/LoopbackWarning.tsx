import { useT } from '../i18n/locale';

/** The command that starts the server on the local network (scripts/round-table.mjs). */
export const ROUND_TABLE_COMMAND = 'npm run round-table';

/** Said plainly where links are handed out, when they point at 127.0.0.1 or localhost: what is wrong, what to do. */
export function LoopbackWarning() {
  const t = useT();
  return (
    <div className="alert warning" data-testid="links-loopback">
      <p>
        <strong>{t('links.loopbackHeading')}</strong>
      </p>
      <p>{t('links.loopbackText')}</p>
      <p>
        {t('links.loopbackFix')} <code className="command">{ROUND_TABLE_COMMAND}</code>
      </p>
      <p>{t('links.loopbackAfter')}</p>
    </div>
  );
}
