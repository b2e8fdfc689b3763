import type { MailStatusResponse } from '@common-ground/shared/api';
import { useCallback, useEffect, useState } from 'react';
import { useLocale, useT } from '../i18n/locale';
import { useBoardContext } from '../sync/SessionContext';
import { mailApi } from './mailApi';
import { failureReasonKey, mailKindKey } from './mailText';
import { SenderNameField } from './SenderNameField';
import './mail.css';

/** How often the counts refresh while the board is open: mails go out within seconds, a minute is calm enough. */
const REFRESH_MS = 60_000;

/**
 * For the facilitator, next to the copyable reminders: how many mails wait, went out or failed, and who did not get
 * one and why (names, never addresses). Nothing at all when the server sends no mail.
 */
export function MailStatusPanel() {
  const t = useT();
  const locale = useLocale();
  const { boardId, token } = useBoardContext();
  const [status, setStatus] = useState<MailStatusResponse | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setStatus(await mailApi.status(boardId, token));
    } catch {
      // Unknown now: the last known counts stay; the next refresh tries again.
    } finally {
      setLoading(false);
    }
  }, [boardId, token]);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  if (!status?.available) return null;
  const time = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <section
      className="notice-panel mail-status"
      aria-labelledby="mail-status-heading"
      data-testid="mail-status"
    >
      <div className="notice-heading">
        <h2 id="mail-status-heading">{t('mailStatus.heading')}</h2>
        <button
          type="button"
          className="button subtle"
          aria-disabled={loading}
          onClick={() => {
            if (!loading) void load();
          }}
          data-testid="mail-status-refresh"
        >
          {t('mailStatus.refresh')}
        </button>
      </div>
      <p className="mail-counts" data-testid="mail-counts">
        {t('mailStatus.counts', { queued: status.queued, sent: status.sent, failed: status.failed })}
      </p>
      <SenderNameField status={status} onSaved={setStatus} />
      {status.failures.length > 0 && (
        <>
          <h3>{t('mailStatus.failedHeading')}</h3>
          <ul className="mail-failures">
            {status.failures.map((failure) => (
              <li key={failure.id} data-testid="mail-failure">
                <span className="notice-title">
                  <bdi>{failure.name}</bdi>
                </span>{' '}
                <span>
                  {t('mailStatus.failure', {
                    kind: t(mailKindKey(failure.kind)),
                    reason: t(failureReasonKey(failure.error)),
                    attempts: failure.attempts,
                    time: time.format(failure.at),
                  })}
                </span>
                {failure.error && (
                  <details>
                    <summary>{t('mailStatus.serverReply')}</summary>
                    <code dir="ltr">{failure.error}</code>
                  </details>
                )}
              </li>
            ))}
          </ul>
          <p className="hint">{t('mailStatus.failedHint')}</p>
        </>
      )}
    </section>
  );
}
