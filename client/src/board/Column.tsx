import type { Goal, Stage } from '@common-ground/shared';
import { useDroppable } from '@dnd-kit/core';
import { type ReactNode, useMemo } from 'react';
import { useT } from '../i18n/locale';
import { useDragState, useSlotIn } from './dragState';
import { columnDroppableId } from './dropTarget';
import { DraggableGoalCard, GoalCard, type GoalCardProps } from './GoalCard';

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
      data-stage={stage}
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

/**
 * A column for people who may move goals: a drop target (also when empty) with draggable cards. While a dragged
 * goal would land here, a mark shows where: above the card it would go before, or below the last one.
 */
export function DroppableColumn({ stage, goals, cardProps }: ColumnProps) {
  const { setNodeRef, isOver } = useDroppable({ id: columnDroppableId(stage), data: { stage } });
  const slot = useSlotIn(stage);
  const activeId = useDragState((state) => state.activeId);
  const marked = useMemo(() => dropMark(goals, activeId, slot), [goals, activeId, slot]);
  return (
    <ColumnFrame stage={stage} count={goals.length} dropRef={setNodeRef} isOver={isOver}>
      <ul className="goal-list">
        {goals.map((goal) => (
          <DraggableGoalCard
            key={goal.id}
            {...cardProps(goal)}
            dragging={goal.id === activeId}
            dropMark={marked?.goalId === goal.id ? marked.side : null}
          />
        ))}
      </ul>
    </ColumnFrame>
  );
}

/** Which card shows the insertion mark for `slot`; none at the dragged goal's own place. */
function dropMark(
  goals: readonly Goal[],
  activeId: string | null,
  slot: number | null,
): { goalId: string; side: 'before' | 'after' } | null {
  if (slot === null || goals[slot]?.id === activeId) return null;
  const others = goals.filter((goal) => goal.id !== activeId);
  const next = others[slot];
  if (next) return { goalId: next.id, side: 'before' };
  const last = others.at(-1);
  return last ? { goalId: last.id, side: 'after' } : null;
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
