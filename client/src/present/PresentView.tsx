import { useEffect } from 'react';
import { TimerDisplay } from '../facilitation/TimerDisplay';
import { useT } from '../i18n/locale';
import { useBoard } from '../sync/SessionContext';
import { AgendaStrip } from './AgendaStrip';
import { FocusedGoal } from './FocusedGoal';
import { GoalOverview } from './GoalOverview';
import { JoinCorner } from './JoinCorner';
import { PartnerPresence } from './PartnerPresence';

/**
 * The projected board: no chrome, no edit controls, large type. The facilitator's focus decides what fills the
 * middle — the focused goal with its round, or the whole board when nothing is in focus.
 */
export function PresentView({ rememberedTitle }: { rememberedTitle: string }) {
  const t = useT();
  const title = useBoard((s) => s.title) || rememberedTitle;
  const focus = useBoard((s) => s.facilitation.focus);
  const focused = useBoard((s) => s.goals.find((g) => g.id === focus) ?? null);

  useEffect(() => {
    document.title = `${title} – ${t('table.present')}`;
  }, [title, t]);

  return (
    <main className="present" data-testid="present">
      <header className="present-head">
        <h1 className="present-title" dir="auto">
          {title}
        </h1>
        <TimerDisplay className="present-timer" />
      </header>
      <div className="present-main">{focused ? <FocusedGoal goal={focused} /> : <GoalOverview />}</div>
      <aside className="present-side">
        <JoinCorner />
        <AgendaStrip />
      </aside>
      <footer className="present-foot">
        <PartnerPresence />
      </footer>
    </main>
  );
}
