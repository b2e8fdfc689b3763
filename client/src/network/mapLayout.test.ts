import type { Relation } from '@common-ground/shared/api';
import { describe, expect, it } from 'vitest';
import {
  MAP_NAME_CHARS,
  MAP_SIZE,
  NODE_RADIUS,
  placeEdges,
  ringLayout,
  shortName,
  strokeWidth,
} from './mapLayout';

const relation = (
  id: string,
  from: string,
  to: string,
  kind: Relation['kind'] = 'cooperation',
): Relation => ({
  id,
  from,
  to,
  kind,
  strength: 2,
  note: '',
  createdBy: 'p1',
  createdAt: 0,
});

describe('ringLayout', () => {
  it('puts the first partner at the top and the others clockwise, all at the same distance', () => {
    const nodes = ringLayout(['a', 'b', 'c', 'd']);
    const a = nodes.get('a');
    const b = nodes.get('b');
    const c = nodes.get('c');
    expect(a?.x).toBe(MAP_SIZE.width / 2);
    expect(a?.y).toBeLessThan(MAP_SIZE.height / 2);
    expect(a?.label.kindY).toBeLessThan(a?.y ?? 0);
    expect(b?.x).toBeGreaterThan(MAP_SIZE.width / 2);
    expect(c?.y).toBeGreaterThan(MAP_SIZE.height / 2);
    expect(c?.label.nameY).toBeGreaterThan(c?.y ?? 0);
    expect(nodes.get('d')?.x).toBeLessThan(MAP_SIZE.width / 2);
  });

  it('is deterministic and keeps every node and its (shortened) label inside the picture', () => {
    const ids = Array.from({ length: 12 }, (_, i) => `p${i}`);
    expect(ringLayout(ids)).toEqual(ringLayout(ids));
    // About 8.5 px per character of a 15 px bold name, centred on the node.
    const halfName = (MAP_NAME_CHARS * 8.5) / 2;
    for (const node of ringLayout(ids).values()) {
      expect(node.x - halfName).toBeGreaterThanOrEqual(0);
      expect(node.x + halfName).toBeLessThanOrEqual(MAP_SIZE.width);
      expect(node.label.nameY).toBeGreaterThan(14);
      expect(node.label.kindY).toBeLessThan(MAP_SIZE.height);
    }
  });

  it('places a lone partner in the middle', () => {
    expect(ringLayout(['solo']).get('solo')).toMatchObject({ x: MAP_SIZE.width / 2, y: MAP_SIZE.height / 2 });
  });
});

describe('placeEdges', () => {
  const nodes = ringLayout(['a', 'b', 'c']);

  it('draws one edge per relation between known partners and skips the others', () => {
    const edges = placeEdges([relation('r1', 'a', 'b'), relation('r2', 'a', 'ghost')], nodes);
    expect(edges.map((e) => e.relation.id)).toEqual(['r1']);
    expect(edges[0]?.path).toMatch(/^M[\d.]+ [\d.]+ Q[\d.]+ [\d.]+ [\d.]+ [\d.]+$/);
  });

  it('bends a second relation of the same pair away from the first, whichever way it points', () => {
    const [first, second, third] = placeEdges(
      [relation('r1', 'a', 'b'), relation('r2', 'b', 'a', 'tension'), relation('r3', 'a', 'b', 'informal')],
      nodes,
    );
    expect(second?.label).not.toEqual(first?.label);
    expect(third?.label).not.toEqual(first?.label);
    expect(third?.label).not.toEqual(second?.label);
  });

  it('starts and ends a line at the edge of the node circles, not at their centres', () => {
    const [edge] = placeEdges([relation('r1', 'a', 'b')], nodes);
    const a = nodes.get('a');
    const [x, y] = (edge?.path.slice(1).split(' ') ?? []).map(Number);
    expect(Math.hypot((x ?? 0) - (a?.x ?? 0), (y ?? 0) - (a?.y ?? 0))).toBeCloseTo(NODE_RADIUS + 2, 0);
  });
});

describe('shortName', () => {
  it('keeps short names and shortens long ones with an ellipsis', () => {
    expect(shortName('Mieterinitiative Südstadt')).toBe('Mieterinitiative Südstadt');
    const long = shortName('Arbeiterwohlfahrt Kreisverband Südstadt-Nord e. V.');
    expect(long).toHaveLength(MAP_NAME_CHARS);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('strokeWidth', () => {
  it('grows with the strength', () => {
    expect(strokeWidth(1)).toBeLessThan(strokeWidth(2));
    expect(strokeWidth(2)).toBeLessThan(strokeWidth(3));
  });
});
