import { isDirectedRelation, type Relation } from '@common-ground/shared/api';

/**
 * Whether two relations are "the same" for the one-per-pair-and-kind rule: same kind and pair, for undirected
 * kinds in either direction. Both storage engines check it inside their createRelation transaction.
 */
export function samePairAndKind(
  a: Pick<Relation, 'from' | 'to' | 'kind'>,
  b: Pick<Relation, 'from' | 'to' | 'kind'>,
): boolean {
  if (a.kind !== b.kind) return false;
  if (a.from === b.from && a.to === b.to) return true;
  return !isDirectedRelation(a.kind) && a.from === b.to && a.to === b.from;
}
