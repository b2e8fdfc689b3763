import type { ActivityEvent } from '@common-ground/shared/api';
import { useEffect, useState } from 'react';
import { transparencyApi } from '../app/api';
import { usePartnerNames, usePersonNames } from '../board/lookups';
import { useLocale, useT } from '../i18n/locale';
import { formatDateTime } from '../rounds/format';
import { WordingDiff } from '../rounds/RoundHistory';
import { useBoardContext } from '../sync/SessionContext';
import { describeEvent, relativeTime, wordingChange } from './eventText';
import { useBoardChanges, useRefreshing } from './useRefreshing';

const FEED_LIMIT = 200;
const CLOCK_TICK_MS = 30_000;

/** "Now", moving on every half minute so "vor 5 Minuten" stays true without re-rendering on every frame. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), CLOCK_TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** Who changed what and when, newest first, as the server attributed it; reloads shortly after each change. */
export function ActivityFeed() {
  const t = useT();
  const { boardId, token } = useBoardContext();
  const version = useBoardChanges();
  const feed = useRefreshing(
    () => transparencyApi.activity(boardId, token, FEED_LIMIT),
    `${boardId}:${version}`,
  );
  const now = useNow();

  if (feed.error && !feed.data) {
    return (
      <p className="alert" role="alert">
        {t(feed.error)}
      </p>
    );
  }
  if (!feed.data) return <p role="status">{t('transparency.loading')}</p>;
  const { events, truncated } = feed.data;
  return (
    <>
      {events.length === 0 && <p className="hint">{t('activity.empty')}</p>}
      <ol className="activity-feed" data-testid="activity-feed">
        {events.map((event) => (
          <FeedEntry key={event.id} event={event} now={now} />
        ))}
      </ol>
      {truncated && <p className="hint">{t('activity.truncated', { count: events.length })}</p>}
    </>
  );
}

function FeedEntry({ event, now }: { event: ActivityEvent; now: number }) {
  const t = useT();
  const locale = useLocale();
  const partnerNames = usePartnerNames();
  const personNames = usePersonNames();
  const change = wordingChange(event);
  return (
    <li className="activity-entry" data-testid="activity-entry" data-type={event.type}>
      <p className="activity-text">{describeEvent(event, { t, locale, partnerNames, personNames })}</p>
      <p className="hint">
        <time dateTime={new Date(event.at).toISOString()} title={formatDateTime(event.at, locale)}>
          {relativeTime(event.at, now, locale, t)}
        </time>
      </p>
      {event.type === 'comment_added' &&
        (event.hidden ? (
          <p className="hint">{t('moderation.hiddenBy', { name: t('moderation.unknownFacilitator') })}</p>
        ) : (
          <blockquote className="activity-quote">{event.text}</blockquote>
        ))}
      {change && (
        <details className="activity-change">
          <summary>{t('activity.showChange')}</summary>
          <p className="hint">{t('activity.diffNote')}</p>
          <p className="activity-diff">
            <WordingDiff before={change.before} after={change.after} />
          </p>
        </details>
      )}
    </li>
  );
}
