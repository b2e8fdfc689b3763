import { useId, useLayoutEffect, useRef, useState } from 'react';
import type { MessageKey } from '../i18n/catalogues';
import { useT } from '../i18n/locale';
import { goalTitles } from '../sync/goalIndex';
import { useBoard } from '../sync/SessionContext';
import { useFacilitate } from './useFacilitate';

/** Where focus goes, and what is announced, once the agenda a change was sent for has arrived. */
interface PendingFocus {
  /** The agenda (goal ids, joined) when the change was sent: the target applies once the agenda differs. */
  readonly from: string;
  /** A selector inside the editor; the add list if it matches nothing. */
  readonly target: string;
  readonly goalId: string;
  readonly message: Extract<MessageKey, `agenda.announce${string}`>;
}

const button = (goalId: string, action: 'up' | 'down' | 'remove') =>
  `[data-goal-id="${CSS.escape(goalId)}"][data-agenda-action="${action}"]`;

/**
 * The session's ordered list of goals to treat; ticked off as they are done. Reordering keeps the ticks.
 * Controls are never `disabled` while a change is sent or at the list's ends (a disabled focused control drops the
 * keyboard focus to the page): they are aria-disabled and ignore presses. Once the changed agenda arrives, focus
 * follows the moved goal, or goes to the neighbour of a removed one, and the change is announced.
 */
export function AgendaEditor() {
  const t = useT();
  const id = useId();
  const goals = useBoard((s) => goalTitles(s.goals));
  const agenda = useBoard((s) => s.facilitation.agenda);
  const [adding, setAdding] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const sectionRef = useRef<HTMLElement>(null);
  const selectRef = useRef<HTMLSelectElement>(null);
  const pending = useRef<PendingFocus | null>(null);
  const titles = new Map(goals.map((g) => [g.id, g.title.trim() || t('goal.untitled')]));
  const items = agenda.filter((item) => titles.has(item.goalId));
  const ids = items.map((item) => item.goalId);
  const key = ids.join('\n');
  // What the controls act on, ticks included: once it changes, a change sent has arrived.
  const { busy, error, send } = useFacilitate(
    items.map((item) => `${item.goalId}:${item.done ? 1 : 0}`).join('\n'),
  );

  useLayoutEffect(() => {
    const next = pending.current;
    if (!next || next.from === key) return;
    pending.current = null;
    const target = sectionRef.current?.querySelector<HTMLElement>(next.target) ?? selectRef.current;
    target?.focus();
    const position = key.split('\n').indexOf(next.goalId) + 1;
    setAnnouncement(t(next.message, { title: titles.get(next.goalId) ?? '', position }));
  });

  /** Sends an agenda; focus and announcement wait for it to arrive (dropped if the server refused it). */
  const change = (agendaIds: string[], focus: Omit<PendingFocus, 'from'>) => {
    if (busy) return;
    pending.current = { ...focus, from: key };
    void send({ agenda: agendaIds }).then((ok) => {
      if (!ok) pending.current = null;
    });
  };
  const move = (index: number, by: number) => {
    const next = [...ids];
    const [moved] = next.splice(index, 1);
    if (moved === undefined || index + by < 0 || index + by >= ids.length) return;
    next.splice(index + by, 0, moved);
    change(next, {
      target: button(moved, by < 0 ? 'up' : 'down'),
      goalId: moved,
      message: 'agenda.announceMoved',
    });
  };
  const remove = (index: number) => {
    const goalId = ids[index];
    if (goalId === undefined) return;
    // The next goal's remove button, or the previous one's; the add list when the agenda is then empty.
    const neighbour = ids[index + 1] ?? ids[index - 1];
    change(
      ids.filter((other) => other !== goalId),
      {
        target: neighbour ? button(neighbour, 'remove') : 'select',
        goalId,
        message: 'agenda.announceRemoved',
      },
    );
  };
  const add = () => {
    if (busy || !adding) return;
    change([...ids, adding], { target: 'select', goalId: adding, message: 'agenda.announceAdded' });
    setAdding('');
    // The button has nothing to add any more: the list takes focus for the next choice.
    selectRef.current?.focus();
  };

  return (
    <section
      ref={sectionRef}
      className="agenda-editor"
      aria-labelledby={`${id}-heading`}
      data-testid="agenda-editor"
    >
      <h3 id={`${id}-heading`}>{t('agenda.heading')}</h3>
      {items.length === 0 && <p className="hint">{t('agenda.empty')}</p>}
      <ol className="agenda-list">
        {items.map((item, index) => {
          const title = titles.get(item.goalId) ?? '';
          return (
            <li key={item.goalId} className={item.done ? 'is-done' : ''} data-testid="agenda-item">
              <label className="choice">
                <input
                  type="checkbox"
                  checked={item.done}
                  aria-disabled={busy}
                  onChange={(e) => {
                    // Controlled: a tick while sending is ignored and the box shows the agenda as it is.
                    if (!busy) void send({ agendaDone: { goalId: item.goalId, done: e.target.checked } });
                  }}
                  aria-label={t('agenda.done', { title })}
                />
                <span>{title}</span>
              </label>
              <span className="agenda-actions">
                <button
                  type="button"
                  className="icon-button"
                  aria-disabled={busy || index === 0}
                  onClick={() => move(index, -1)}
                  aria-label={t('agenda.up', { title })}
                  data-goal-id={item.goalId}
                  data-agenda-action="up"
                  data-testid="agenda-up"
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-disabled={busy || index === items.length - 1}
                  onClick={() => move(index, 1)}
                  aria-label={t('agenda.down', { title })}
                  data-goal-id={item.goalId}
                  data-agenda-action="down"
                  data-testid="agenda-down"
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-disabled={busy}
                  onClick={() => remove(index)}
                  aria-label={t('agenda.remove', { title })}
                  data-goal-id={item.goalId}
                  data-agenda-action="remove"
                  data-testid="agenda-remove"
                >
                  ×
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <div className="button-row">
        <label htmlFor={`${id}-add`} className="visually-hidden">
          {t('agenda.add')}
        </label>
        <select
          id={`${id}-add`}
          ref={selectRef}
          value={adding}
          onChange={(e) => setAdding(e.target.value)}
          data-testid="agenda-add-select"
        >
          <option value="">{t('agenda.add')}</option>
          {goals
            .filter((g) => !ids.includes(g.id))
            .map((g) => (
              <option key={g.id} value={g.id}>
                {titles.get(g.id)}
              </option>
            ))}
        </select>
        <button
          type="button"
          className="button secondary"
          aria-disabled={busy || !adding}
          onClick={add}
          data-testid="agenda-add"
        >
          {t('agenda.addButton')}
        </button>
      </div>
      <p className="visually-hidden" role="status" data-testid="agenda-announcement">
        {announcement}
      </p>
      {error && (
        <p className="alert" role="alert">
          {t(error)}
        </p>
      )}
    </section>
  );
}
