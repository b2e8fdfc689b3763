import { type Goal, STAGES, type Stage } from '@common-ground/shared';
import { DndContext, DragOverlay } from '@dnd-kit/core';
import { useMemo } from 'react';
import { useCatchUp } from '../catchup/catchUpStore';
import { useFollowedGoal } from '../facilitation/followFocus';
import { useT } from '../i18n/locale';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { AgreedColumn, DroppableColumn, StaticColumn } from './Column';
import { CardEnvironmentProvider } from './cardEnvironment';
import { announcements, collisionDetection } from './dndConfig';
import { DragSourceProvider } from './dragSource';
import { useDragState } from './dragState';
import { GoalCard, type GoalCardProps } from './GoalCard';
import type { GoalFocus } from './GoalDialog';
import { personLabel, useAuthors, useEditorsByGoal } from './lookups';
import { useBoardDrag } from './useBoardDrag';

// One shared empty list, so a card without editors keeps equal props between renders (GoalCard is memoized).
const NO_EDITORS: readonly string[] = [];
const NO_CHANGES: ReadonlySet<string> = new Set();

/**
 * The four stage columns (with drag and drop for people who may write, read-only otherwise) and "Vereinbart",
 * which only the record fills: an agreed goal leaves its stage column, and nobody can drag a goal there.
 */
export function Columns({
  editable,
  onOpen,
}: {
  editable: boolean;
  onOpen: (goalId: string, focus?: GoalFocus) => void;
}) {
  const allGoals = useBoard((s) => s.goals);
  const goalRounds = useBoard((s) => s.goalRounds);
  const details = useBoard((s) => s.details);
  const followed = useFollowedGoal();
  const changed = useCatchUp((s) => (s.dismissed ? NO_CHANGES : s.changedGoalIds));
  const authors = useAuthors();
  const editors = useEditorsByGoal();
  const { goals, byStage, agreed } = useMemo(() => {
    const grouped = new Map<Stage, Goal[]>(STAGES.map((stage) => [stage, []]));
    const agreed: Goal[] = [];
    const inStages: Goal[] = [];
    for (const goal of allGoals) {
      if (goalRounds[goal.id]?.agreed) agreed.push(goal);
      else {
        inStages.push(goal);
        grouped.get(goal.stage)?.push(goal);
      }
    }
    const agreedAt = (goal: Goal) => goalRounds[goal.id]?.latestClosed?.closedAt ?? 0;
    agreed.sort((a, b) => agreedAt(a) - agreedAt(b));
    return { goals: inStages, byStage: grouped, agreed };
  }, [allGoals, goalRounds]);
  const cardProps = (goal: Goal): GoalCardProps => {
    const rounds = goalRounds[goal.id];
    const author = authors.goal(goal.id);
    return {
      goal,
      authorName: author ? personLabel(author) : null,
      editors: editors.get(goal.id) ?? NO_EDITORS,
      rounds,
      // A new object on every update: passed only where the card shows it, so other cards keep equal props.
      structure: rounds?.agreed ? details[goal.id]?.structure : undefined,
      focused: followed === goal.id,
      changedSinceVisit: changed.has(goal.id),
      onOpen,
    };
  };

  return (
    <CardEnvironmentProvider>
      {editable ? (
        <DndColumns goals={goals} byStage={byStage} agreed={agreed} cardProps={cardProps} />
      ) : (
        <div className="columns" data-testid="board">
          {STAGES.map((stage) => (
            <StaticColumn key={stage} stage={stage} goals={byStage.get(stage) ?? []} cardProps={cardProps} />
          ))}
          <AgreedColumn goals={agreed} cardProps={cardProps} />
        </div>
      )}
    </CardEnvironmentProvider>
  );
}

function DndColumns(props: {
  goals: readonly Goal[];
  byStage: ReadonlyMap<Stage, Goal[]>;
  agreed: readonly Goal[];
  cardProps: (goal: Goal) => GoalCardProps;
}) {
  const t = useT();
  const { session } = useBoardContext();
  const { goals, byStage, cardProps } = props;
  const drag = useBoardDrag(goals, (goalId, target) => session.moveGoal(goalId, target));
  const activeId = useDragState((state) => state.activeId);
  const accessibility = useMemo(
    () => ({
      announcements: announcements(t, goals),
      screenReaderInstructions: { draggable: t('dnd.instructions') },
    }),
    [t, goals],
  );
  const active = activeId ? goals.find((goal) => goal.id === activeId) : undefined;

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
              goals={byStage.get(stage) ?? []}
              cardProps={cardProps}
            />
          ))}
          <AgreedColumn goals={props.agreed} cardProps={cardProps} />
        </div>
      </DragSourceProvider>
      {/* No drop animation: dnd-kit ignores a new drag of its one draggable until the last one's animation ended. */}
      <DragOverlay dropAnimation={null}>
        {active ? <GoalCard {...cardProps(active)} className="is-dragging" /> : null}
      </DragOverlay>
    </DndContext>
  );
}
