import { STAGES, translationForReader } from '@common-ground/shared/schema';
import { DndContext, DragOverlay } from '@dnd-kit/core';
import { useMemo } from 'react';
import { useCatchUp } from '../catchup/catchUpStore';
import { useFollowedGoal } from '../facilitation/followFocus';
import { useLocale, useT } from '../i18n/locale';
import { goalById } from '../sync/goalIndex';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { type BoardLayout, layoutSelector } from './boardLayout';
import { AgreedColumn, type CardProps, DroppableColumn, LiveGoalCard, StaticColumn } from './Column';
import { CardEnvironmentProvider } from './cardEnvironment';
import { announcements, collisionDetection } from './dndConfig';
import { DragSourceProvider } from './dragSource';
import { useDragState } from './dragState';
import { useFocusAfterKeyboardDrop } from './dropFocus';
import type { GoalFocus } from './GoalDialog';
import { personLabel, useAuthors, useEditorsByGoal, usePeople } from './lookups';
import { translatorNames } from './translations';
import { useBoardDrag } from './useBoardDrag';

// One shared empty list, so a card without editors keeps equal props between renders (cards are memoized).
const NO_EDITORS: readonly string[] = [];
const NO_CHANGES: ReadonlySet<string> = new Set();
const NO_GOALS: readonly string[] = [];

/**
 * The four stage columns (with drag and drop for people who may write, read-only otherwise) and "Vereinbart",
 * which only the record fills: an agreed goal leaves its stage column, and nobody can drag a goal there. The
 * columns render by goal id (boardLayout); each card reads its goal itself, so typing in one goal re-renders
 * neither the columns nor any other card.
 */
export function Columns({
  editable,
  onOpen,
  visible = null,
}: {
  editable: boolean;
  onOpen: (goalId: string, focus?: GoalFocus) => void;
  /** The goals a filter lets through; null while no filter is on. */
  visible?: ReadonlySet<string> | null;
}) {
  const selectLayout = useMemo(layoutSelector, []);
  const layout = useFilteredLayout(useBoard(selectLayout), visible);
  const goalRounds = useBoard((s) => s.goalRounds);
  const details = useBoard((s) => s.details);
  const followed = useFollowedGoal();
  const changed = useCatchUp((s) => (s.dismissed ? NO_CHANGES : s.changedGoalIds));
  const authors = useAuthors();
  const record = useBoard((s) => s.authors);
  const people = usePeople();
  const locale = useLocale();
  const editors = useEditorsByGoal();
  const cardProps = (goalId: string): CardProps => {
    const rounds = goalRounds[goalId];
    const author = authors.goal(goalId);
    const translations = details[goalId]?.translations;
    // Only a goal with a translation for this reader gets them: the other cards keep equal props.
    const lang = translationForReader(translations, locale)?.lang;
    return {
      translations: lang ? translations : undefined,
      translators: translatorNames(record, people, goalId, lang),
      originalLang: translations?.lang ?? 'de',
      authorName: author ? personLabel(author) : null,
      editors: editors.get(goalId) ?? NO_EDITORS,
      rounds,
      // Passed only where the card shows it, so the other cards keep equal props when details change.
      structure: rounds?.agreed ? details[goalId]?.structure : undefined,
      focused: followed === goalId,
      changedSinceVisit: changed.has(goalId),
      onOpen,
    };
  };

  return (
    <CardEnvironmentProvider>
      {/* Positions count every goal, so a drop among filtered cards could land elsewhere: no dragging then. */}
      {editable && visible === null ? (
        <DndColumns layout={layout} cardProps={cardProps} />
      ) : (
        <div className="columns" data-testid="board">
          {STAGES.map((stage) => (
            <StaticColumn
              key={stage}
              stage={stage}
              goalIds={layout.byStage.get(stage) ?? NO_GOALS}
              cardProps={cardProps}
            />
          ))}
          <AgreedColumn goalIds={layout.agreed} cardProps={cardProps} />
        </div>
      )}
    </CardEnvironmentProvider>
  );
}

/** The layout with only the goals the filter lets through; the same layout while no filter is on. */
function useFilteredLayout(layout: BoardLayout, visible: ReadonlySet<string> | null): BoardLayout {
  return useMemo(() => {
    if (visible === null) return layout;
    const keep = (ids: readonly string[]) => ids.filter((id) => visible.has(id));
    return {
      placed: layout.placed.filter((goal) => visible.has(goal.id)),
      byStage: new Map([...layout.byStage].map(([stage, ids]) => [stage, keep(ids)])),
      agreed: keep(layout.agreed),
    };
  }, [layout, visible]);
}

function DndColumns({
  layout,
  cardProps,
}: {
  layout: BoardLayout;
  cardProps: (goalId: string) => CardProps;
}) {
  const t = useT();
  const { session } = useBoardContext();
  const goals = layout.placed;
  const focusAfterDrop = useFocusAfterKeyboardDrop(layout);
  const drag = useBoardDrag(goals, (goalId, target, byKeyboard) => {
    if (byKeyboard) focusAfterDrop(goalId);
    session.moveGoal(goalId, target);
  });
  const activeId = useDragState((state) => state.activeId);
  const accessibility = useMemo(
    () => ({
      announcements: announcements(
        t,
        goals,
        (goalId) => goalById(session.store.getState().goals, goalId)?.title,
      ),
      screenReaderInstructions: { draggable: t('dnd.instructions') },
    }),
    [t, goals, session],
  );
  const active = activeId && goals.some((goal) => goal.id === activeId) ? activeId : null;

  return (
    <DndContext
      sensors={drag.sensors}
      collisionDetection={collisionDetection}
      accessibility={accessibility}
      onDragStart={drag.onDragStart}
      onDragMove={drag.onDragMove}
      onDragOver={drag.onDragOver}
      onDragEnd={drag.onDragEnd}
      onDragCancel={drag.onDragCancel}
    >
      <DragSourceProvider>
        <div className="columns" data-testid="board">
          {STAGES.map((stage) => (
            <DroppableColumn
              key={stage}
              stage={stage}
              goalIds={layout.byStage.get(stage) ?? NO_GOALS}
              cardProps={cardProps}
            />
          ))}
          <AgreedColumn goalIds={layout.agreed} cardProps={cardProps} />
        </div>
      </DragSourceProvider>
      {/* No drop animation: dnd-kit ignores a new drag of its one draggable until the last one's animation ended. */}
      <DragOverlay dropAnimation={null}>
        {active ? <LiveGoalCard goalId={active} {...cardProps(active)} className="is-dragging" /> : null}
      </DragOverlay>
    </DndContext>
  );
}
