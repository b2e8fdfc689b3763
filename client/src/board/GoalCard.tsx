import type {
  Goal,
  GoalStructure,
  GoalTranslations,
  TranslationLanguage,
} from '@common-ground/shared/schema';
import { memo, type ReactNode, useMemo } from 'react';
import { Hyphenated, useHyphenated } from '../app/hyphenation';
import type { GoalRounds } from '../sync/goalRounds';
import { useCardEnvironment } from './cardEnvironment';
import { useDragHandleProps } from './dragSource';
import type { GoalFocus } from './GoalDialog';
import { RoundBadges } from './RoundBadges';
import { readerTranslation, TranslationSwitch, useShowOriginal } from './translations';

// Six dots as one path and one element for all cards.
const gripIcon = (
  <svg aria-hidden="true" viewBox="0 0 20 20" width="20" height="20">
    <path
      fill="currentColor"
      d="M5.4 5a1.6 1.6 0 1 0 3.2 0a1.6 1.6 0 1 0-3.2 0M11.4 5a1.6 1.6 0 1 0 3.2 0a1.6 1.6 0 1 0-3.2 0M5.4 10a1.6 1.6 0 1 0 3.2 0a1.6 1.6 0 1 0-3.2 0M11.4 10a1.6 1.6 0 1 0 3.2 0a1.6 1.6 0 1 0-3.2 0M5.4 15a1.6 1.6 0 1 0 3.2 0a1.6 1.6 0 1 0-3.2 0M11.4 15a1.6 1.6 0 1 0 3.2 0a1.6 1.6 0 1 0-3.2 0"
    />
  </svg>
);

/** Everything a card shows; the board-wide rest comes from the CardEnvironment. */
export interface GoalCardProps {
  readonly goal: Goal;
  readonly authorName: string | null;
  readonly editors: readonly string[];
  /** Where the goal stands in its rounds (see goalRounds). */
  readonly rounds: GoalRounds | undefined;
  /** Lead and review date: only for an agreed goal, the one card that shows them. */
  readonly structure: GoalStructure | undefined;
  /** The facilitator points everyone at this goal and this person follows. */
  readonly focused: boolean;
  readonly changedSinceVisit: boolean;
  readonly onOpen: (goalId: string, focus?: GoalFocus) => void;
  /** The goal's translations, only when one is in the reader's language (shown instead, marked as such). */
  readonly translations?: GoalTranslations | undefined;
  /** Who wrote that translation by the server's record, as one line of names ('' for none recorded). */
  readonly translators?: string;
  /** The language the original is written in; German when left out. */
  readonly originalLang?: TranslationLanguage;
}

/**
 * The card's content; `handle` is the drag handle for people who may move goals. Memoized and fed by props only;
 * its column's wrapper (LiveGoalCard in Column.tsx) reads the goal from the store by id, so a goal's text edit
 * re-renders its own card alone. Callers keep the other props stable (onOpen, the editors array, round states).
 */
export const GoalCard = memo(function GoalCard(
  props: GoalCardProps & { handle?: ReactNode; className?: string },
) {
  const { t, locale } = useCardEnvironment();
  const { goal, authorName, editors, focused } = props;
  const translation = readerTranslation(goal, props.translations, locale, props.translators ?? '');
  const [originalShown, toggleOriginal] = useShowOriginal(goal.id);
  // The reader's translation unless they asked for the original; the original is marked too then.
  const shown = translation && !originalShown ? translation : goal;
  // The language of the text shown: hyphenated and marked by its own rules (German on a Turkish screen too).
  const otherLang = translation && !originalShown ? translation.lang : (props.originalLang ?? 'de');
  const title = shown.title.trim() || t('goal.untitled');
  const hyphenatedTitle = useHyphenated(title, otherLang);
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
            // User content: a German title on an Arabic board keeps its own direction (and the reverse).
            dir="auto"
            lang={otherLang}
            onClick={() => props.onOpen(goal.id)}
            // The label must contain the title as shown (axe's label-in-name check, speech input), soft hyphens
            // included: without them it would no longer match the visible text.
            aria-label={t('goal.open', { title: hyphenatedTitle })}
            data-testid="goal-open"
          >
            {hyphenatedTitle}
          </button>
        </h3>
        {props.handle}
      </div>
      {translation && (
        <TranslationSwitch
          t={t}
          translation={translation}
          showingOriginal={originalShown}
          onToggle={toggleOriginal}
        />
      )}
      {shown.description.trim() && (
        <p className="goal-excerpt" dir="auto" lang={otherLang}>
          <Hyphenated text={shown.description} lang={otherLang} />
        </p>
      )}
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
      <RoundBadges
        goalId={goal.id}
        stage={goal.stage}
        title={title}
        rounds={props.rounds}
        structure={props.structure}
        onOpen={props.onOpen}
      />
      {props.changedSinceVisit && (
        <span className="badge catch-up" data-testid="catch-up-badge">
          {t('catchup.badge')}
        </span>
      )}
    </article>
  );
});

/**
 * A card that can be dragged by its handle (pointer, touch, keyboard). It does not subscribe to the drag (see
 * DragSourceProvider): it re-renders only when its own goal is picked up or dropped (`dragging`), or its drop
 * mark changes. The card stays in place, dimmed, while a copy follows the pointer; `dropMark` shows where it
 * would land.
 */
export const DraggableGoalCard = memo(function DraggableGoalCard({
  dropMark,
  dragging,
  ...props
}: GoalCardProps & { dropMark: 'before' | 'after' | null; dragging: boolean }) {
  const { t } = useCardEnvironment();
  const { goal } = props;
  const handleProps = useDragHandleProps();
  const label = t('goal.dragHandle', { title: goal.title.trim() || t('goal.untitled') });
  const handle = useMemo(
    () => (
      <button
        type="button"
        className="drag-handle"
        {...handleProps}
        aria-pressed={dragging || undefined}
        aria-label={label}
        data-testid="drag-handle"
      >
        {gripIcon}
      </button>
    ),
    [handleProps, dragging, label],
  );
  return (
    <li className={dropMark ? `goal-item drop-${dropMark}` : 'goal-item'}>
      <GoalCard {...props} handle={handle} className={dragging ? 'is-placeholder' : ''} />
    </li>
  );
});
