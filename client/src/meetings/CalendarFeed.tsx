import type { CalendarFeedCreated, CalendarFeedStatus } from '@common-ground/shared/api';
import { useEffect, useId, useRef, useState } from 'react';
import { errorMessageKey } from '../app/errorMessage';
import type { MessageKey } from '../i18n/catalogues';
import { useLocale, useT } from '../i18n/locale';
import { formatDate } from '../rounds/format';
import { useBoardContext } from '../sync/SessionContext';
import { meetingsApi } from './meetingsApi';

/**
 * "Kalender abonnieren": a personal secret address a calendar app subscribes to (meetings and round deadlines,
 * kept current). The server shows the address once, when it is made; after that only that a feed exists.
 */
export function CalendarFeed() {
  const t = useT();
  const locale = useLocale();
  const { boardId, token } = useBoardContext();
  const headingId = useId();
  const [status, setStatus] = useState<CalendarFeedStatus | null>(null);
  const [created, setCreated] = useState<CalendarFeedCreated | null>(null);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [copied, setCopied] = useState<'idle' | 'copied' | 'manual'>('idle');
  const copyRef = useRef<HTMLButtonElement>(null);
  const urlRef = useRef<HTMLInputElement>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const focusNext = useRef<'copy' | 'status' | null>(null);
  useEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    focusNext.current = null;
    (target === 'copy' ? copyRef : statusRef).current?.focus();
  });

  useEffect(() => {
    let active = true;
    meetingsApi.feedStatus(boardId, token).then(
      (loaded) => {
        if (active) setStatus(loaded);
      },
      (caught: unknown) => {
        if (active) setError(errorMessageKey(caught));
      },
    );
    return () => {
      active = false;
    };
  }, [boardId, token]);

  const subscribe = async () => {
    if (working) return;
    setWorking(true);
    setError(null);
    setAnnouncement('');
    try {
      const made = await meetingsApi.createFeed(boardId, token, locale);
      setCreated(made);
      setStatus({ active: true, createdAt: made.createdAt });
      setCopied('idle');
      setAnnouncement(t('meetings.feedMade'));
      focusNext.current = 'copy';
    } catch (caught) {
      setError(errorMessageKey(caught));
    } finally {
      setWorking(false);
    }
  };

  const end = async () => {
    if (working) return;
    setWorking(true);
    setError(null);
    try {
      await meetingsApi.removeFeed(boardId, token);
      setCreated(null);
      setStatus({ active: false, createdAt: null });
      setAnnouncement(t('meetings.feedEnded'));
      focusNext.current = 'status';
    } catch (caught) {
      setError(errorMessageKey(caught));
    } finally {
      setWorking(false);
    }
  };

  const copy = async () => {
    if (!created) return;
    try {
      // navigator.clipboard is missing on plain http (other than localhost) and may be refused.
      await navigator.clipboard.writeText(created.url);
      setCopied('copied');
    } catch {
      urlRef.current?.focus();
      urlRef.current?.select();
      setCopied('manual');
    }
  };

  return (
    <section className="calendar-feed" aria-labelledby={headingId} data-testid="calendar-feed">
      <h3 id={headingId}>{t('meetings.feedHeading')}</h3>
      <p className="hint">{t('meetings.feedExplain')}</p>
      <p
        className={announcement ? 'alert info' : 'visually-hidden'}
        role="status"
        tabIndex={-1}
        ref={statusRef}
      >
        {announcement}
      </p>
      {error && (
        <p className="alert" role="alert">
          {t(error)}
        </p>
      )}
      {status === null && !error && <p role="status">{t('meetings.loading')}</p>}
      {created && (
        <div className="field">
          <label htmlFor={`${headingId}-url`}>{t('meetings.feedAddress')}</label>
          <span className="hint">{t('meetings.feedHow')}</span>
          <div className="copy-row">
            <input
              id={`${headingId}-url`}
              ref={urlRef}
              type="url"
              readOnly
              dir="ltr"
              value={created.url}
              onFocus={(e) => e.target.select()}
              data-testid="feed-url"
            />
            <button
              type="button"
              className="button secondary"
              ref={copyRef}
              onClick={() => void copy()}
              data-testid="feed-copy"
            >
              {copied === 'copied' ? t('invite.copied') : t('invite.copy')}
            </button>
          </div>
          <span className="hint" role="status">
            {copied === 'manual' ? t('invite.copyFallback') : ''}
          </span>
          <a className="button subtle" href={created.webcalUrl} data-testid="feed-webcal">
            {t('meetings.feedOpen')}
          </a>
        </div>
      )}
      {status?.active && !created && status.createdAt !== null && (
        <p data-testid="feed-active">
          {t('meetings.feedActive', { date: formatDate(status.createdAt, locale) })}
        </p>
      )}
      {status && <p className="hint">{t('meetings.feedPrivate')}</p>}
      {status && (
        <div className="button-row">
          <button
            type="button"
            className={status.active ? 'button secondary' : 'button'}
            aria-disabled={working || undefined}
            onClick={() => void subscribe()}
            data-testid="feed-create"
          >
            {status.active ? t('meetings.feedRenew') : t('meetings.feedCreate')}
          </button>
          {status.active && (
            <button
              type="button"
              className="button subtle"
              aria-disabled={working || undefined}
              onClick={() => void end()}
              data-testid="feed-end"
            >
              {t('meetings.feedEnd')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
