import type { Relation, RelationKind } from '@common-ground/shared/api';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface PlacedNode extends Point {
  readonly id: string;
  /** Where the name and, below it, the kind go (centred text baselines): above the top nodes, below the others. */
  readonly label: { readonly x: number; readonly nameY: number; readonly kindY: number };
}

export interface PlacedEdge {
  readonly relation: Relation;
  /** An SVG path from node edge to node edge (a curve when a pair has more than one relation). */
  readonly path: string;
  readonly label: Point;
}

export const MAP_SIZE = { width: 760, height: 520 } as const;
export const NODE_RADIUS = 28;
const LABEL_GAP = 10;
const LINE = 17;
/** Room kept free around the ring for the centred labels (a name of MAP_NAME_CHARS fits either side). */
const MARGIN = { x: 135, y: 80 } as const;
/** Longer names are shortened on the map (the node's title and the lists keep them whole). */
export const MAP_NAME_CHARS = 30;
const PARALLEL_OFFSET = 46;

/**
 * A deterministic ring, first partner at the top, then clockwise in the order given (by name). Unlike a force
 * layout it puts nobody in the centre because it has many relations: every partner gets the same place and weight.
 */
export function ringLayout(ids: readonly string[], size: { width: number; height: number } = MAP_SIZE) {
  const cx = size.width / 2;
  const cy = size.height / 2;
  const rx = Math.max(size.width / 2 - MARGIN.x, NODE_RADIUS);
  const ry = Math.max(size.height / 2 - MARGIN.y, NODE_RADIUS);
  const nodes = new Map<string, PlacedNode>();
  ids.forEach((id, index) => {
    if (ids.length === 1) {
      nodes.set(id, {
        id,
        x: cx,
        y: cy,
        label: labelLines(cx, cy + NODE_RADIUS + LABEL_GAP, 1),
      });
      return;
    }
    const angle = -Math.PI / 2 + (2 * Math.PI * index) / ids.length;
    const sin = Math.sin(angle);
    const x = round(cx + rx * Math.cos(angle));
    const y = round(cy + ry * sin);
    const above = sin < -0.5;
    const label = labelLines(
      x,
      above ? y - NODE_RADIUS - LABEL_GAP : y + NODE_RADIUS + LABEL_GAP,
      above ? -1 : 1,
    );
    nodes.set(id, { id, x, y, label });
  });
  return nodes;
}

/** Two text baselines next to a point: stacked above it (-1) or below it (1). */
function labelLines(x: number, y: number, side: -1 | 1) {
  const nameY = side === -1 ? y - LINE - 4 : y + LINE - 3;
  return { x, nameY: round(nameY), kindY: round(nameY + LINE) };
}

/**
 * Edges between placed nodes. Relations naming a partner that is not on the map are skipped. Several relations
 * of one pair bend apart (0, +1, -1, +2, …) so each line and its label stay readable.
 */
export function placeEdges(relations: readonly Relation[], nodes: ReadonlyMap<string, Point>): PlacedEdge[] {
  const seenPerPair = new Map<string, number>();
  const edges: PlacedEdge[] = [];
  for (const relation of relations) {
    const from = nodes.get(relation.from);
    const to = nodes.get(relation.to);
    if (!from || !to || relation.from === relation.to) continue;
    const [low, high] = relation.from < relation.to ? [from, to] : [to, from];
    const pair =
      relation.from < relation.to ? `${relation.from}|${relation.to}` : `${relation.to}|${relation.from}`;
    const index = seenPerPair.get(pair) ?? 0;
    seenPerPair.set(pair, index + 1);
    const offset = index === 0 ? 0 : Math.ceil(index / 2) * (index % 2 === 1 ? 1 : -1) * PARALLEL_OFFSET;
    edges.push({ relation, ...curve(from, to, low, high, offset) });
  }
  return edges;
}

function curve(from: Point, to: Point, low: Point, high: Point, offset: number) {
  const length = Math.hypot(high.x - low.x, high.y - low.y) || 1;
  // The normal of the pair in a fixed order, so +offset bends the same way whichever way a relation points.
  const normal = { x: -(high.y - low.y) / length, y: (high.x - low.x) / length };
  const mid = { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
  const control = { x: mid.x + normal.x * offset * 2, y: mid.y + normal.y * offset * 2 };
  const start = towards(from, control, NODE_RADIUS + 2);
  const end = towards(to, control, NODE_RADIUS + 6);
  const label = {
    x: round(0.25 * start.x + 0.5 * control.x + 0.25 * end.x),
    y: round(0.25 * start.y + 0.5 * control.y + 0.25 * end.y),
  };
  return {
    path: `M${round(start.x)} ${round(start.y)} Q${round(control.x)} ${round(control.y)} ${round(end.x)} ${round(end.y)}`,
    label,
  };
}

/** The point `distance` away from `p` in the direction of `target`: where a line leaves a node's circle. */
function towards(p: Point, target: Point, distance: number): Point {
  const length = Math.hypot(target.x - p.x, target.y - p.y) || 1;
  return { x: p.x + ((target.x - p.x) / length) * distance, y: p.y + ((target.y - p.y) / length) * distance };
}

const round = (n: number) => Math.round(n * 10) / 10;

export const shortName = (name: string): string =>
  name.length > MAP_NAME_CHARS ? `${name.slice(0, MAP_NAME_CHARS - 1).trimEnd()}…` : name;

/** Line style per kind: the dash pattern carries the kind as well as the colour and the text label. */
export const RELATION_STYLE: Record<RelationKind, { readonly dash: string; readonly colour: string }> = {
  cooperation: { dash: '', colour: '#1d4f91' },
  informal: { dash: '2 7', colour: '#48515d' },
  funding: { dash: '12 6', colour: '#1f6f43' },
  tension: { dash: '14 5 3 5', colour: '#a4161a' },
};

/** Stroke width per strength 1–3. */
export const strokeWidth = (strength: number): number => (strength >= 3 ? 7 : strength === 2 ? 4 : 2);
