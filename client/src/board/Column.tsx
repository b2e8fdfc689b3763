import type { Stage } from '@common-ground/shared/schema';
import { useDroppable } from '@dnd-kit/core';
import { memo, type ReactNode, useMemo } from 'react';
import { Hyphenated } from '../app/hyphenation';
import { useT } from '../i18n/locale';
import { useGoal } from '../sync/goalSubscription';
import { useDragState, useSlotIn } from './dragState';
import { columnDroppableId } from './dropTarget';
import { DraggableGoalCard, GoalCard, type GoalCardProps } from './GoalCard';

/** A card's props apart from the goal itself, which each card reads from the store by id. */
export type CardProps = Omit<GoalCardProps, 'goal'>;

export interface ColumnProps {
  readonly stage: Stage;
  readonly goalIds: readonly string[];
  readonly cardProps: (goalId: string) => CardProps;
}

/**
 * A card fed with its own goal from the store: a remote edit of one goal's text re-renders that card alone,
 * never its column (which re-renders only when goals move, arrive or leave).
 */
export const LiveGoalCard = memo(function LiveGoalCard({
  goalId,
  ...props
}: CardProps & { goalId: string; className?: string }) {
  const goal = useGoal(goalId);
  return goal ? <GoalCard goal={goal} {...props} /> : null;
});

const LiveDraggableGoalCard = memo(function LiveDraggableGoalCard({
  goalId,
  ...props
}: CardProps & { goalId: string; dropMark: 'before' | 'after' | null; dragging: boolean }) {
  const goal = useGoal(goalId);
  return goal ? <DraggableGoalCard goal={goal} {...props} /> : null;
});

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
  const name = t(`stage.${stage}`);
  const countText = t('column.count', { count });
  return (
    <section
      ref={props.dropRef}
      className={`column stage-${stage}${props.isOver ? ' is-over' : ''}`}
      aria-labelledby={headingId}
      data-stage={stage}
      data-testid={`column-${stage}`}
    >
      <header className="column-header">
        {/* Names the column without the soft hyphens, which Chromium would keep in a name from the text. */}
        <h2 id={headingId} aria-label={`${name} ${countText}`}>
          <span className="stage-icon" aria-hidden="true" />
          <span className="column-name">
            <Hyphenated text={name} />
          </span>
          <span className="column-count" data-testid="column-count">
            {countText}
          </span>
        </h2>
        <p className="column-hint">
          <Hyphenated text={t(`stageHint.${stage}`)} />
        </p>
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
export function DroppableColumn({ stage, goalIds, cardProps }: ColumnProps) {
  const { setNodeRef, isOver } = useDroppable({ id: columnDroppableId(stage), data: { stage } });
  const slot = useSlotIn(stage);
  const activeId = useDragState((state) => state.activeId);
  const marked = useMemo(() => dropMark(goalIds, activeId, slot), [goalIds, activeId, slot]);
  return (
    <ColumnFrame stage={stage} count={goalIds.length} dropRef={setNodeRef} isOver={isOver}>
      <ul className="goal-list">
        {goalIds.map((goalId) => (
          <LiveDraggableGoalCard
            key={goalId}
            goalId={goalId}
            {...cardProps(goalId)}
            dragging={goalId === activeId}
            dropMark={marked?.goalId === goalId ? marked.side : null}
          />
        ))}
      </ul>
    </ColumnFrame>
  );
}

/** Which card shows the insertion mark for `slot`; none at the dragged goal's own place. */
function dropMark(
  goalIds: readonly string[],
  activeId: string | null,
  slot: number | null,
): { goalId: string; side: 'before' | 'after' } | null {
  if (slot === null || goalIds[slot] === activeId) return null;
  const others = goalIds.filter((id) => id !== activeId);
  const next = others[slot];
  if (next) return { goalId: next, side: 'before' };
  const last = others.at(-1);
  return last ? { goalId: last, side: 'after' } : null;
}

/** A read-only column (observers). */
export function StaticColumn({ stage, goalIds, cardProps }: ColumnProps) {
  return (
    <ColumnFrame stage={stage} count={goalIds.length}>
      <ul className="goal-list">
        {goalIds.map((goalId) => (
          <li key={goalId} className="goal-item">
            <LiveGoalCard goalId={goalId} {...cardProps(goalId)} />
          </li>
        ))}
      </ul>
    </ColumnFrame>
  );
}

/** "Vereinbart": filled from the record only, so it is never a drop target. */
export function AgreedColumn({ goalIds, cardProps }: Omit<ColumnProps, 'stage'>) {
  return (
    <ColumnFrame stage="agreed" count={goalIds.length}>
      <ul className="goal-list">
        {goalIds.map((goalId) => (
          <li key={goalId} className="goal-item">
            <LiveGoalCard goalId={goalId} {...cardProps(goalId)} />
          </li>
        ))}
      </ul>
    </ColumnFrame>
  );
}
