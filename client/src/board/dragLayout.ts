import type { Stage } from '@common-ground/shared/schema';
import type { DropSlot } from './dropTarget';

interface ColumnGeometry {
  /** Vertical middles of the column's other cards, in page coordinates (scrolling during a drag moves nothing). */
  readonly middles: readonly number[];
  /** Page y where each slot (0…n) lies: between two cards, or just outside the first or last. */
  readonly slotYs: readonly number[];
  readonly centreX: number;
}

/** Half the gap between two cards (.goal-list's 0.625rem): a slot at either end lies this far outside. */
const HALF_GAP_PX = 5;

/**
 * Where the cards of each column are during one drag, read from the DOM the first time a column is needed and
 * again after the goals changed. Nothing moves while dragging (the dragged card stays as a placeholder, the
 * insertion mark takes no space), so one reading per column holds; it is a handful of rect reads, not ~300 per
 * pointer move.
 */
export class DragLayout {
  private readonly columns = new Map<Stage, ColumnGeometry>();

  constructor(private readonly activeId: string) {}

  invalidate(): void {
    this.columns.clear();
  }

  middles(stage: Stage): readonly number[] {
    return this.geometry(stage).middles;
  }

  /** The number of cards in `stage` other than the dragged one. */
  others(stage: Stage): number {
    return this.geometry(stage).middles.length;
  }

  /** The viewport point on which to centre the dragged card so that it lands in `slot` (for the keyboard). */
  slotPoint(slot: DropSlot, currentY: number): { x: number; y: number } {
    const { slotYs, centreX } = this.geometry(slot.stage);
    const y = slotYs[Math.min(slot.index, slotYs.length - 1)];
    return { x: centreX - window.scrollX, y: y === undefined ? currentY : y - window.scrollY };
  }

  private geometry(stage: Stage): ColumnGeometry {
    const known = this.columns.get(stage);
    if (known) return known;
    const column = document.querySelector(`section[data-stage="${stage}"]`);
    const cards = column
      ? [...column.querySelectorAll<HTMLElement>('.goal-list [data-goal-id]')].filter(
          (card) => card.dataset.goalId !== this.activeId,
        )
      : [];
    const rects = cards.map((card) => card.getBoundingClientRect());
    const columnRect = column?.getBoundingClientRect();
    const top = (rect: DOMRect) => rect.top + window.scrollY;
    const bottom = (rect: DOMRect) => rect.bottom + window.scrollY;
    const first = rects[0];
    const last = rects.at(-1);
    // An empty column's one slot is its middle. Not the card's current height: on a phone the columns are stacked,
    // and a card kept at its height would never reach the column below (the keyboard's "right" is "down" there).
    const slotYs =
      first && last
        ? [
            top(first) - HALF_GAP_PX,
            ...rects.slice(1).map((rect, i) => (bottom(rects[i] ?? rect) + top(rect)) / 2),
            bottom(last) + HALF_GAP_PX,
          ]
        : columnRect
          ? [(top(columnRect) + bottom(columnRect)) / 2]
          : [];
    const geometry: ColumnGeometry = {
      middles: rects.map((rect) => (top(rect) + bottom(rect)) / 2),
      slotYs,
      centreX: columnRect ? columnRect.left + columnRect.width / 2 + window.scrollX : 0,
    };
    this.columns.set(stage, geometry);
    return geometry;
  }
}
