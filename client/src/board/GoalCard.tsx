import type { Goal } from '@common-ground/shared';
import { memo, type ReactNode, useMemo } from 'react';
import { CatchUpBadge } from '../catchup/CatchUpBadge';
import { useFollowedGoal } from '../facilitation/followFocus';
import { useT } from '../i18n/locale';
import { useDragHandle } from './dragSource';
import type { GoalFocus } from './GoalDialog';
import { RoundBadges } from './RoundBadges';

// Six dots as one path and one element for all cards.
const gripIcon = (
  <svg aria-hidden="true" viewBox="0 0 20 20" width="20" height="20">
    <path
      fill="currentColor"
      d="M5.4 5a1.6 1.6 0 1 0 3.2 0a1.6 1.6 0 1 0-3.2 0M11.4 5a1.6 1.6 0 1 0 3.2 0a1.6 1.6 0 1 0-3.2 0M5.4 10a1.6 1.6 0 1 0 3.2 0a1.6 1.6 0 1 0-3.2 0M11.4 10a1.6 1.6 0 1 0 3.2 0a1.6 1.6 0 1 0-3.2 0M5.4 15a1.6 1.6 0 1 0 3.2 0a1.6 1.6 0 1 0-3.2 0M11.4 15a1.6 1.6 0 1 0 3.2 0a1.6 1.6 0 1 0-3.2 0"
    />
  </svg>
);

export interface GoalCardProps {
  readonly goal: Goal;
  readonly authorName: string | null;
  readonly editors: readonly string[];
  readonly onOpen: (goalId: string, focus?: GoalFocus) => void;
}

/**
 * The card's content; `handle` is the drag handle for people who may move goals. Memoized: a board re-renders
 * its columns on every update, and with 300 cards re-rendering each card's content is most of a frame. Callers
 * keep the props stable (same goal object, onOpen and editors array).
 */
export const GoalCard = memo(function GoalCard(
  props: GoalCardProps & { handle?: ReactNode; className?: string },
) {
  const t = useT();
  const { goal, authorName, editors } = props;
  const title = goal.title.trim() || t('goal.untitled');
  const focused = useFollowedGoal() === goal.id;
  return (
    <article
      className={`goal-card ${focused ? 'is-focused' : ''} ${props.className ?? ''}`}
      data-testid="goal-card"
      data-goal-id={goal.id}
      data-focused={focused || undefined}
    >
      <div className="goal-card-top">
        <h3 className="goal-title">
          <button
            type="button"
            className="goal-open"
            onClick={() => props.onOpen(goal.id)}
            aria-label={t('goal.open', { title })}
            data-testid="goal-open"
          >
            {title}
          </button>
        </h3>
        {props.handle}
      </div>
      {goal.description.trim() && <p className="goal-excerpt">{goal.description}</p>}
      <div className="goal-meta">
        <span className="goal-author">{t('goal.by', { name: authorName ?? t('goal.unknownAuthor') })}</span>
        {editors.map((name) => (
          <span key={name} className="badge editing" data-testid="editing-badge">
            <svg aria-hidden="true" viewBox="0 0 16 16" width="14" height="14">
              <path d="M11.3 1.3 14.7 4.7 5 14.4H1.6V11z" fill="currentColor" />
            </svg>
            {t('goal.editingBy', { name })}
          </span>
        ))}
      </div>
      <RoundBadges goalId={goal.id} stage={goal.stage} title={title} onOpen={props.onOpen} />
      <CatchUpBadge goalId={goal.id} />
    </article>
  );
});

/**
 * A card that can be dragged by its handle (pointer, touch, keyboard). It does not subscribe to the drag (see
 * DragSourceProvider): it re-renders only when its own goal is picked up or dropped, or its drop mark changes.
 * The card stays in place, dimmed, while a copy follows the pointer; `dropMark` shows where it would land.
 */
export const DraggableGoalCard = memo(function DraggableGoalCard({
  dropMark,
  ...props
}: GoalCardProps & { dropMark: 'before' | 'after' | null }) {
  const t = useT();
  const { goal } = props;
  const drag = useDragHandle(goal.id);
  const label = t('goal.dragHandle', { title: goal.title.trim() || t('goal.untitled') });
  const handle = useMemo(
    () => (
      <button
        type="button"
        className="drag-handle"
        {...drag.props}
        aria-pressed={drag.dragging || undefined}
        aria-label={label}
        data-testid="drag-handle"
      >
        {gripIcon}
      </button>
    ),
    [drag.props, drag.dragging, label],
  );
  return (
    <li className={dropMark ? `goal-item drop-${dropMark}` : 'goal-item'}>
      <GoalCard {...props} handle={handle} className={drag.dragging ? 'is-placeholder' : ''} />
    </li>
  );
});
