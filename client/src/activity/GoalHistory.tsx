import type { ActivityEvent } from '@common-ground/shared/api';
import { useState } from 'react';
import { transparencyApi } from '../app/api';
import { usePersonNames } from '../board/lookups';
import { useLocale, useT } from '../i18n/locale';
import { formatDateTime } from '../rounds/format';
import { WordingDiff } from '../rounds/RoundHistory';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { actorName } from './eventText';
import { useDebounced, useRefreshing } from './useRefreshing';
import './activity.css';

/**
 * "Verlauf": every change of the goal's wording with author and time, word by word. Folded by default, and only
 * loaded once opened: the dialog stays short, and the wording is not shown twice for those who do not ask.
 */
export function GoalHistory({ goalId }: { goalId: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <details
      className="goal-section goal-history"
      onToggle={(event) => setOpen(event.currentTarget.open)}
      data-testid="goal-history"
    >
      <summary data-testid="goal-history-toggle">
        <h3>{t('goalHistory.heading')}</h3>
      </summary>
      <p className="hint">{t('goalHistory.explain')}</p>
      {open && <HistoryList goalId={goalId} />}
    </details>
  );
}

/** Reloaded when the wording changes (the key includes it), so it follows live editing once the server logged it. */
function HistoryList({ goalId }: { goalId: string }) {
  const t = useT();
  const { boardId, token } = useBoardContext();
  const wording = useBoard((s) => {
    const goal = s.goals.find((g) => g.id === goalId);
    return goal ? `${goal.title}\u0000${goal.description}` : '';
  });
  const settled = useDebounced(wording);
  const history = useRefreshing(
    () => transparencyApi.history(boardId, token, goalId),
    `${goalId}:${settled}`,
  );
  // A goal made offline or a moment ago is not in the server's log yet: that is no error for the person.
  const notLogged = history.error !== null && !history.data;
  const events = history.data?.events ?? [];
  return (
    <>
      {!history.data && !notLogged && <p className="hint">{t('transparency.loading')}</p>}
      {(notLogged || (history.data && events.length === 0)) && (
        <p className="hint">{t('goalHistory.none')}</p>
      )}
      {events.length > 1 && <p className="hint">{t('activity.diffNote')}</p>}
      {events.length > 0 && (
        <ol className="history-list">
          {events.map((event) => (
            <HistoryItem key={event.id} event={event} />
          ))}
        </ol>
      )}
    </>
  );
}

function HistoryItem({ event }: { event: ActivityEvent }) {
  const t = useT();
  const locale = useLocale();
  const personNames = usePersonNames();
  const actor = actorName(event, t, personNames);
  const when = formatDateTime(event.at, locale);
  if (event.type === 'goal_proposed') {
    return (
      <li className="history-entry" data-testid="goal-history-entry">
        <h4>
          {t('goalHistory.proposed', { actor })} · {when}
        </h4>
        <p className="hint">{t('goalHistory.firstWording')}</p>
        <p className="frozen-title">{event.title}</p>
        {event.description && <p className="frozen-description">{event.description}</p>}
      </li>
    );
  }
  if (event.type !== 'wording_changed') return null;
  return (
    <li className="history-entry" data-testid="goal-history-entry">
      <h4>
        {t(event.field === 'title' ? 'goalHistory.title' : 'goalHistory.description', { actor })} · {when}
      </h4>
      <p className={event.field === 'title' ? 'frozen-title' : 'frozen-description'}>
        <WordingDiff before={event.before} after={event.after} />
      </p>
    </li>
  );
}
