import { Checkbox } from '../app/Field';
import { useT } from '../i18n/locale';
import { useBoard } from '../sync/SessionContext';
import { useFollowFocus, useScrollToFocus } from './followFocus';
import { TimerDisplay } from './TimerDisplay';

/**
 * What the facilitator set for everyone: the goal in focus and the timebox, with the personal "Fokus folgen"
 * switch. Shown only while there is something to show, so a board between meetings stays calm.
 */
export function SessionBar({ onOpen }: { onOpen: (goalId: string) => void }) {
  const t = useT();
  const focus = useBoard((s) => s.facilitation.focus);
  const hasTimer = useBoard((s) => s.facilitation.timer !== null);
  const goal = useBoard((s) => s.goals.find((g) => g.id === focus));
  const { follow, setFollow } = useFollowFocus();
  useScrollToFocus();
  if (!goal && !hasTimer) return null;
  return (
    <section className="session-bar" aria-label={t('table.controls')} data-testid="session-bar">
      {goal && (
        <div className="session-focus" data-testid="session-focus">
          <span className="session-focus-label">{t('focus.heading')}</span>
          <button type="button" className="session-focus-title" onClick={() => onOpen(goal.id)}>
            {goal.title.trim() || t('goal.untitled')}
          </button>
        </div>
      )}
      <TimerDisplay />
      {goal && (
        <Checkbox
          className="session-follow"
          checked={follow}
          onChange={setFollow}
          label={t('focus.follow')}
          testId="follow-focus"
        />
      )}
    </section>
  );
}
