import { type Goal, STAGES, type Stage } from '@common-ground/shared';
import {
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  MeasuringStrategy,
  PointerSensor,
  TouchSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useMemo, useState } from 'react';
import { useReducedMotion } from '../app/reducedMotion';
import { useT } from '../i18n/locale';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { AgreedColumn, SortableColumn, StaticColumn } from './Column';
import { announcements, collisionDetection } from './dndConfig';
import { dropTarget } from './dropTarget';
import { GoalCard, type GoalCardProps } from './GoalCard';
import type { GoalFocus } from './GoalDialog';
import { useEditorsByGoal, usePeople } from './lookups';

// Drop targets are measured when a drag starts (and when a list changes during it), not on every render at rest:
// measuring ~300 cards after each board update forced a layout each time. Goals only change columns on drop,
// so the rects taken at the start stay right for pointer and keyboard moves.
const measuring = { droppable: { strategy: MeasuringStrategy.WhileDragging } };
// One shared empty list, so a card without editors keeps equal props between renders (GoalCard is memoized).
const NO_EDITORS: readonly string[] = [];

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
  const people = usePeople();
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
  const cardProps = (goal: Goal): GoalCardProps => ({
    goal,
    authorName: people.get(goal.createdBy)?.participant.name ?? null,
    editors: editors.get(goal.id) ?? NO_EDITORS,
    onOpen,
  });

  if (!editable) {
    return (
      <div className="columns" data-testid="board">
        {STAGES.map((stage) => (
          <StaticColumn key={stage} stage={stage} goals={byStage.get(stage) ?? []} cardProps={cardProps} />
        ))}
        <AgreedColumn goals={agreed} cardProps={cardProps} />
      </div>
    );
  }
  return <DndColumns goals={goals} byStage={byStage} agreed={agreed} cardProps={cardProps} />;
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
  const [activeId, setActiveId] = useState<string | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const accessibility = useMemo(
    () => ({
      announcements: announcements(t, goals),
      screenReaderInstructions: { draggable: t('dnd.instructions') },
    }),
    [t, goals],
  );
  const reducedMotion = useReducedMotion();
  const active = activeId ? goals.find((goal) => goal.id === activeId) : undefined;

  const onDragStart = ({ active }: DragStartEvent) => setActiveId(String(active.id));
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setActiveId(null);
    if (!over) return;
    const dragged = active.rect.current.translated;
    const placeBelow = dragged
      ? dragged.top + dragged.height / 2 > over.rect.top + over.rect.height / 2
      : false;
    const target = dropTarget(goals, String(active.id), String(over.id), placeBelow);
    if (target) session.moveGoal(String(active.id), target);
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collisionDetection}
      measuring={measuring}
      accessibility={accessibility}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setActiveId(null)}
    >
      <div className="columns" data-testid="board">
        {STAGES.map((stage) => (
          <SortableColumn key={stage} stage={stage} goals={byStage.get(stage) ?? []} cardProps={cardProps} />
        ))}
        <AgreedColumn goals={props.agreed} cardProps={cardProps} />
      </div>
      <DragOverlay dropAnimation={reducedMotion ? null : undefined}>
        {active ? <GoalCard {...cardProps(active)} className="is-dragging" /> : null}
      </DragOverlay>
    </DndContext>
  );
}
