import { isWithdrawn } from '@common-ground/shared/schema';
import { useT } from '../i18n/locale';
import { useBoard } from '../sync/SessionContext';

/** The session's agenda for the room: done items ticked, the goal in focus marked. */
export function AgendaStrip() {
  const t = useT();
  const agenda = useBoard((s) => s.facilitation.agenda);
  const focus = useBoard((s) => s.facilitation.focus);
  const goals = useBoard((s) => s.goals);
  // A withdrawn goal is not up for discussion: the room's agenda leaves it out until it is restored.
  const titles = new Map(
    goals.filter((g) => !isWithdrawn(g)).map((g) => [g.id, g.title.trim() || t('goal.untitled')]),
  );
  const items = agenda.filter((item) => titles.has(item.goalId));
  if (items.length === 0) return null;
  return (
    <section className="present-agenda" aria-labelledby="present-agenda-heading" data-testid="present-agenda">
      <h2 id="present-agenda-heading">
        {t('agenda.heading')}{' '}
        <span className="present-agenda-progress">
          {t('agenda.progress', { done: items.filter((i) => i.done).length, total: items.length })}
        </span>
      </h2>
      <ol>
        {items.map((item) => (
          <li
            key={item.goalId}
            className={`${item.done ? 'is-done' : ''} ${item.goalId === focus ? 'is-focus' : ''}`}
          >
            <span aria-hidden="true">{item.done ? '✓' : item.goalId === focus ? '▶' : '○'}</span>{' '}
            {titles.get(item.goalId)}
          </li>
        ))}
      </ol>
    </section>
  );
}
