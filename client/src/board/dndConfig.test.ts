import type { ClientRect, CollisionDetection, DroppableContainer, UniqueIdentifier } from '@dnd-kit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collisionDetection } from './dndConfig';
import { columnDroppableId } from './dropTarget';
import { dropTargets } from './targetRects';

type Args = Parameters<CollisionDetection>[0];

const rect = (left: number, top: number, width: number, height: number): ClientRect => ({
  left,
  top,
  width,
  height,
  right: left + width,
  bottom: top + height,
});

const container = (id: string, stage?: string): DroppableContainer =>
  ({ id, data: { current: stage ? { stage } : {} }, disabled: false }) as unknown as DroppableContainer;

// Two columns 200 px wide with a 20 px gap; two cards of 80 px in each, the columns reach further down.
const layout: [DroppableContainer, ClientRect][] = [
  [container(columnDroppableId('proposed')), rect(0, 0, 200, 400)],
  [container('a', 'proposed'), rect(10, 50, 180, 80)],
  [container('b', 'proposed'), rect(10, 140, 180, 80)],
  [container(columnDroppableId('discussing')), rect(220, 0, 200, 400)],
  [container('x', 'discussing'), rect(230, 50, 180, 80)],
  [container('y', 'discussing'), rect(230, 140, 180, 80)],
];

function args(
  pointer: { x: number; y: number } | null,
  dragged: ClientRect,
  rects = new Map<UniqueIdentifier, ClientRect>(layout.map(([c, r]) => [c.id, r])),
): Args {
  return {
    active: { id: 'a' } as Args['active'],
    collisionRect: dragged,
    droppableRects: rects,
    droppableContainers: layout.map(([c]) => c),
    pointerCoordinates: pointer,
  };
}

const hit = (a: Args) => collisionDetection(a).map((collision) => collision.id);

describe('collisionDetection', () => {
  beforeEach(() => vi.stubGlobal('window', { scrollX: 0, scrollY: 0 }));
  afterEach(() => vi.unstubAllGlobals());

  it('takes the card under the pointer', () => {
    expect(hit(args({ x: 300, y: 170 }, rect(240, 130, 180, 80)))).toEqual(['y']);
    expect(hit(args({ x: 50, y: 60 }, rect(0, 20, 180, 80)))).toEqual(['a']);
  });

  it('takes the nearest card of the column when the pointer is in its empty space', () => {
    expect(hit(args({ x: 300, y: 350 }, rect(230, 310, 180, 80)))).toEqual(['y']);
    expect(hit(args({ x: 300, y: 10 }, rect(230, 0, 180, 40)))).toEqual(['x']);
  });

  it('takes the column when it has no cards', () => {
    const rects = new Map<UniqueIdentifier, ClientRect>([
      [columnDroppableId('proposed'), rect(0, 0, 200, 400)],
      [columnDroppableId('discussing'), rect(220, 0, 200, 400)],
    ]);
    const a = { ...args({ x: 300, y: 100 }, rect(230, 60, 180, 80), rects) };
    expect(hit(a)).toEqual([columnDroppableId('discussing')]);
  });

  it('between columns and for the keyboard, takes the most overlapping target', () => {
    // The pointer is in the gap; the dragged card overlaps "x" far more than "a".
    expect(hit(args({ x: 210, y: 90 }, rect(205, 50, 180, 80)))).toEqual(['x']);
    expect(hit(args(null, rect(15, 140, 180, 80)))).toEqual(['b']);
    expect(hit(args({ x: 900, y: 900 }, rect(800, 800, 50, 50)))).toEqual([]);
  });

  it('reports the overlap as the collision value', () => {
    const [collision] = collisionDetection(args(null, rect(10, 50, 180, 80)));
    expect(collision?.id).toBe('a');
    expect(collision?.data?.value).toBe(1);
  });
});

describe('dropTargets', () => {
  beforeEach(() => vi.stubGlobal('window', { scrollX: 0, scrollY: 0 }));
  afterEach(() => vi.unstubAllGlobals());

  it('reads the rects once per measurement and scroll position', () => {
    const a = args(null, rect(0, 0, 1, 1));
    const first = dropTargets(a.droppableContainers, a.droppableRects);
    expect(dropTargets(a.droppableContainers, a.droppableRects)).toBe(first);
    // A new measurement is a new map.
    const remeasured = new Map(a.droppableRects);
    expect(dropTargets(a.droppableContainers, remeasured)).not.toBe(first);
  });

  it('reads them again after the page scrolled', () => {
    const a = args(null, rect(0, 0, 1, 1));
    const first = dropTargets(a.droppableContainers, a.droppableRects);
    vi.stubGlobal('window', { scrollX: 0, scrollY: 120 });
    const scrolled = dropTargets(a.droppableContainers, a.droppableRects);
    expect(scrolled).not.toBe(first);
    expect(scrolled.map((target) => target.stage)).toEqual([
      'proposed',
      'proposed',
      'proposed',
      'discussing',
      'discussing',
      'discussing',
    ]);
  });
});
