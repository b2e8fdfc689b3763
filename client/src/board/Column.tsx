import type { Goal, Stage } from '@common-ground/shared';
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { type ReactNode, useMemo } from 'react';
import { useReducedMotion } from '../app/reducedMotion';
import { useT } from '../i18n/locale';
import { columnDroppableId } from './dropTarget';
import { GoalCard, type GoalCardProps, SortableGoalCard } from './GoalCard';

export interface ColumnProps {
  readonly stage: Stage;
  readonly goals: readonly Goal[];
  readonly cardProps: (goal: Goal) => GoalCardProps;
}

function ColumnFrame(props: {
  stage: Stage | 'agreed';
  count: number;
  children: ReactNode;
  dropRef?: (el: HTMLElement | null) => void;
  isOver?: boolean;
}) {
  const t = useT();
  const { stage, count } = props;
  const headingId = `column-${stage}-heading`;
  return (
    <section
      ref={props.dropRef}
      className={`column stage-${stage}${props.isOver ? ' is-over' : ''}`}
      aria-labelledby={headingId}
      data-testid={`column-${stage}`}
    >
      <header className="column-header">
        <h2 id={headingId}>
          <span className="stage-icon" aria-hidden="true" />
          <span className="column-name">{t(`stage.${stage}`)}</span>
          <span className="column-count" data-testid="column-count">
            {count === 1 ? t('column.countOne') : t('column.count', { count })}
          </span>
        </h2>
        <p className="column-hint">{t(`stageHint.${stage}`)}</p>
      </header>
      {props.children}
      {count === 0 && <p className="column-empty">{t('column.empty')}</p>}
    </section>
  );
}

/** A column for people who may move goals: a drop target (also when empty) with sortable cards. */
export function SortableColumn({ stage, goals, cardProps }: ColumnProps) {
  const { setNodeRef, isOver } = useDroppable({ id: columnDroppableId(stage), data: { stage } });
  // Stable while the goals are: a new array would give every sortable card of the column new context.
  const ids = useMemo(() => goals.map((goal) => goal.id), [goals]);
  // Asked once per column: the media query read in each of ~300 cards showed up in every drag frame.
  const reducedMotion = useReducedMotion();
  return (
    <ColumnFrame stage={stage} count={goals.length} dropRef={setNodeRef} isOver={isOver}>
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        <ul className="goal-list">
          {goals.map((goal) => (
            <SortableGoalCard key={goal.id} {...cardProps(goal)} reducedMotion={reducedMotion} />
          ))}
        </ul>
      </SortableContext>
    </ColumnFrame>
  );
}

/** A read-only column (observers). */
export function StaticColumn({ stage, goals, cardProps }: ColumnProps) {
  return (
    <ColumnFrame stage={stage} count={goals.length}>
      <ul className="goal-list">
        {goals.map((goal) => (
          <li key={goal.id} className="goal-item">
            <GoalCard {...cardProps(goal)} />
          </li>
        ))}
      </ul>
    </ColumnFrame>
  );
}

/** "Vereinbart": filled from the record only, so it is never a drop target. */
export function AgreedColumn({ goals, cardProps }: Omit<ColumnProps, 'stage'>) {
  return (
    <ColumnFrame stage="agreed" count={goals.length}>
      <ul className="goal-list">
        {goals.map((goal) => (
          <li key={goal.id} className="goal-item">
            <GoalCard {...cardProps(goal)} />
          </li>
        ))}
      </ul>
    </ColumnFrame>
  );
}
