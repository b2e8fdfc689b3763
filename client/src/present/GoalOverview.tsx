import { type Goal, isWithdrawn, STAGES } from '@common-ground/shared/schema';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useT } from '../i18n/locale';
import { useBoard } from '../sync/SessionContext';

type Group = { key: string; label: string; goals: Goal[] };

/**
 * All goals by stage, one line each, flowing in newspaper columns. If they do not fit the screen (more goals
 * than ~25 at 1280×720), goals are left out from the end — parked first — and a line says how many.
 */
export function GoalOverview() {
  const t = useT();
  const allGoals = useBoard((s) => s.goals);
  const goals = useMemo(() => allGoals.filter((g) => !isWithdrawn(g)), [allGoals]);
  const goalRounds = useBoard((s) => s.goalRounds);
  const groups: Group[] = [
    ...STAGES.map((stage) => ({
      key: stage,
      label: t(`stage.${stage}`),
      goals: goals.filter((g) => g.stage === stage && !goalRounds[g.id]?.agreed),
    })),
    { key: 'agreed', label: t('stage.agreed'), goals: goals.filter((g) => goalRounds[g.id]?.agreed) },
  ];
  // Parked goals matter least in a meeting: they are the first to give way.
  const order = ['discussing', 'ready', 'agreed', 'proposed', 'parked'];
  const total = goals.length;
  const [limit, setLimit] = useState(total);
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => setLimit(total), [total]);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && el.scrollWidth > el.clientWidth + 1 && limit > 0) setLimit(limit - 1);
  });

  let left = limit;
  const shown = new Map<string, Goal[]>();
  for (const key of order) {
    const group = groups.find((g) => g.key === key);
    const take = group ? group.goals.slice(0, Math.max(0, left)) : [];
    left -= take.length;
    shown.set(key, take);
  }
  return (
    <section
      className="present-overview"
      aria-label={t('present.boardHeading')}
      data-testid="present-overview"
    >
      <div className="present-overview-columns" ref={ref}>
        {groups.map((group) => {
          const list = shown.get(group.key) ?? [];
          if (list.length === 0) return null;
          return (
            <div key={group.key} className={`present-stage stage-${group.key}`}>
              <h2 className="present-stage-title">
                {t('present.stageCount', { stage: group.label, count: group.goals.length })}
              </h2>
              <ul>
                {list.map((goal) => (
                  <li key={goal.id} dir="auto" data-testid="present-goal">
                    {goal.title.trim() || t('goal.untitled')}
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </div>
      {limit < total && <p className="present-more">{t('present.more', { count: total - limit })}</p>}
    </section>
  );
}
