import type { Stage } from '@common-ground/shared';
import type { ClientRect, Collision, DroppableContainer, UniqueIdentifier } from '@dnd-kit/core';
import { stageOfColumnId } from './dropTarget';

/** A drop target with its rect as plain numbers. */
export interface Target {
  readonly container: DroppableContainer;
  readonly stage: Stage | null;
  readonly isColumn: boolean;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

interface Snapshot {
  readonly rects: Map<UniqueIdentifier, ClientRect>;
  readonly scroll: string;
  readonly targets: readonly Target[];
}

let snapshot: Snapshot | null = null;

/**
 * The drop targets with their rects, read once per measurement and scroll position. dnd-kit's rects recompute
 * their ancestors' scroll offsets on every property read; reading ~300 of them on each pointer move cost
 * 1–2 ms per move. dnd-kit hands over a new map whenever it measures again; between measurements a rect moves
 * only when something scrolls, which the key catches: the page's scroll and one rect read through its getters.
 */
export function dropTargets(
  containers: readonly DroppableContainer[],
  rects: Map<UniqueIdentifier, ClientRect>,
): readonly Target[] {
  const scroll = scrollKey(containers, rects);
  if (snapshot?.rects === rects && snapshot.scroll === scroll) return snapshot.targets;
  const targets: Target[] = [];
  for (const container of containers) {
    const rect = rects.get(container.id);
    if (!rect) continue;
    const columnStage = stageOfColumnId(String(container.id));
    const cardStage = container.data.current?.stage as Stage | undefined;
    targets.push({
      container,
      stage: columnStage ?? cardStage ?? null,
      isColumn: columnStage !== null,
      top: rect.top,
      left: rect.left,
      bottom: rect.bottom,
      right: rect.right,
    });
  }
  snapshot = { rects, scroll, targets };
  return targets;
}

function scrollKey(
  containers: readonly DroppableContainer[],
  rects: Map<UniqueIdentifier, ClientRect>,
): string {
  const first = containers[0] ? rects.get(containers[0].id) : undefined;
  return `${window.scrollX},${window.scrollY},${first?.top},${first?.left}`;
}

export const contains = (target: Target, x: number, y: number): boolean =>
  x >= target.left && x <= target.right && y >= target.top && y <= target.bottom;

/** The target whose centre is nearest to `rect`'s centre (dnd-kit's closestCenter, for plain rects). */
export function closestTo(targets: readonly Target[], rect: ClientRect): Target | null {
  const x = rect.left + rect.width / 2;
  const y = rect.top + rect.height / 2;
  let best: Target | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const target of targets) {
    const distance = Math.hypot((target.left + target.right) / 2 - x, (target.top + target.bottom) / 2 - y);
    if (distance < bestDistance) {
      best = target;
      bestDistance = distance;
    }
  }
  return best;
}

/** The target overlapping `rect` most, as intersection over union (dnd-kit's rectIntersection, for plain rects). */
export function mostOverlapping(
  targets: readonly Target[],
  rect: ClientRect,
): { target: Target; ratio: number } | null {
  let best: { target: Target; ratio: number } | null = null;
  for (const target of targets) {
    const width = Math.min(target.right, rect.right) - Math.max(target.left, rect.left);
    const height = Math.min(target.bottom, rect.bottom) - Math.max(target.top, rect.top);
    if (width <= 0 || height <= 0) continue;
    const overlap = width * height;
    const area = (target.right - target.left) * (target.bottom - target.top);
    const ratio = overlap / (area + rect.width * rect.height - overlap);
    if (!best || ratio > best.ratio) best = { target, ratio };
  }
  return best;
}

export const collisionWith = (target: Target, value = 0): Collision => ({
  id: target.container.id,
  data: { droppableContainer: target.container, value },
});
