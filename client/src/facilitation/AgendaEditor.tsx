import { useId, useState } from 'react';
import { useT } from '../i18n/locale';
import { goalTitles } from '../sync/goalIndex';
import { useBoard } from '../sync/SessionContext';
import { useFacilitate } from './useFacilitate';

/** The session's ordered list of goals to treat; ticked off as they are done. Reordering keeps the ticks. */
export function AgendaEditor() {
  const t = useT();
  const id = useId();
  const goals = useBoard((s) => goalTitles(s.goals));
  const agenda = useBoard((s) => s.facilitation.agenda);
  const [adding, setAdding] = useState('');
  const { busy, error, send } = useFacilitate();
  const titles = new Map(goals.map((g) => [g.id, g.title.trim() || t('goal.untitled')]));
  const items = agenda.filter((item) => titles.has(item.goalId));
  const ids = items.map((item) => item.goalId);
  const move = (index: number, by: number) => {
    const next = [...ids];
    const [moved] = next.splice(index, 1);
    if (moved === undefined) return;
    next.splice(index + by, 0, moved);
    void send({ agenda: next });
  };

  return (
    <section className="agenda-editor" aria-labelledby={`${id}-heading`} data-testid="agenda-editor">
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
                  disabled={busy}
                  onChange={(e) => void send({ agendaDone: { goalId: item.goalId, done: e.target.checked } })}
                  aria-label={t('agenda.done', { title })}
                />
                <span>{title}</span>
              </label>
              <span className="agenda-actions">
                <button
                  type="button"
                  className="icon-button"
                  disabled={busy || index === 0}
                  onClick={() => move(index, -1)}
                  aria-label={t('agenda.up', { title })}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="icon-button"
                  disabled={busy || index === items.length - 1}
                  onClick={() => move(index, 1)}
                  aria-label={t('agenda.down', { title })}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="icon-button"
                  disabled={busy}
                  onClick={() => void send({ agenda: ids.filter((goalId) => goalId !== item.goalId) })}
                  aria-label={t('agenda.remove', { title })}
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
        <select id={`${id}-add`} value={adding} onChange={(e) => setAdding(e.target.value)}>
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
          disabled={busy || !adding}
          onClick={() => {
            void send({ agenda: [...ids, adding] });
            setAdding('');
          }}
        >
          {t('agenda.addButton')}
        </button>
      </div>
      {error && (
        <p className="alert" role="alert">
          {t(error)}
        </p>
      )}
    </section>
  );
}
