import type { Goal } from '@common-ground/shared';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { ReactNode } from 'react';
import { useReducedMotion } from '../app/reducedMotion';
import { CatchUpBadge } from '../catchup/CatchUpBadge';
import { useFollowedGoal } from '../facilitation/followFocus';
import { useT } from '../i18n/locale';
import type { GoalFocus } from './GoalDialog';
import { RoundBadges } from './RoundBadges';

export interface GoalCardProps {
  readonly goal: Goal;
  readonly authorName: string | null;
  readonly editors: readonly string[];
  readonly onOpen: (goalId: string, focus?: GoalFocus) => void;
}

/** The card's content; `handle` is the drag handle for people who may move goals. */
export function GoalCard(props: GoalCardProps & { handle?: ReactNode; className?: string }) {
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
      <RoundBadges goalId={goal.id} title={title} onOpen={props.onOpen} />
      <CatchUpBadge goalId={goal.id} />
    </article>
  );
}

/** A card that can be dragged by its handle (pointer, touch, keyboard). */
export function SortableGoalCard(props: GoalCardProps) {
  const t = useT();
  const { goal } = props;
  const reducedMotion = useReducedMotion();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({
      id: goal.id,
      data: { stage: goal.stage },
      attributes: { roleDescription: t('dnd.roleDescription') },
      transition: reducedMotion ? null : undefined,
    });
  const title = goal.title.trim() || t('goal.untitled');
  const handle = (
    <button
      type="button"
      className="drag-handle"
      ref={setActivatorNodeRef}
      {...attributes}
      {...listeners}
      aria-label={t('goal.dragHandle', { title })}
      data-testid="drag-handle"
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" width="20" height="20">
        {[5, 10, 15].map((y) => (
          <g key={y} fill="currentColor">
            <circle cx="7" cy={y} r="1.6" />
            <circle cx="13" cy={y} r="1.6" />
          </g>
        ))}
      </svg>
    </button>
  );
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className="goal-item"
    >
      <GoalCard {...props} handle={handle} className={isDragging ? 'is-placeholder' : ''} />
    </li>
  );
}
