import type { Goal } from '@common-ground/shared/schema';
import { useT } from '../i18n/locale';
import { OutcomeBanner } from '../rounds/OutcomeBanner';
import { useBoard } from '../sync/SessionContext';
import { RoundGrid } from './RoundGrid';

/** The goal the facilitator put in focus, with its open round (or the last result) as a partner × stance grid. */
export function FocusedGoal({ goal }: { goal: Goal }) {
  const t = useT();
  const state = useBoard((s) => s.goalRounds[goal.id]);
  const round = state?.open ?? state?.latestClosed ?? null;
  return (
    <section className="present-focus" aria-labelledby="present-focus-title" data-testid="present-focus">
      <p className="present-label">{t('focus.heading')}</p>
      <h2 id="present-focus-title" className="present-focus-title">
        {goal.title.trim() || t('goal.untitled')}
      </h2>
      {goal.description.trim() && <p className="present-focus-text">{goal.description}</p>}
      {round?.status === 'closed' && <OutcomeBanner round={round} />}
      {round && <RoundGrid round={round} />}
    </section>
  );
}
