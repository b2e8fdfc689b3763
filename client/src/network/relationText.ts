import { isDirectedRelation, type Relation } from '@common-ground/shared/api';
import type { Translate } from '../i18n/translate';

export const strengthLabel = (strength: number, t: Translate): string =>
  t(strength >= 3 ? 'relation.strength.3' : strength === 2 ? 'relation.strength.2' : 'relation.strength.1');

/** "Mieterinitiative – Zusammenarbeit (stark) – Wohnungsbau eG"; funding reads as a sentence with its direction. */
export function relationLine(relation: Relation, names: ReadonlyMap<string, string>, t: Translate): string {
  const from = names.get(relation.from) ?? '?';
  const to = names.get(relation.to) ?? '?';
  const strength = strengthLabel(relation.strength, t);
  if (isDirectedRelation(relation.kind)) return t('relation.lineFunding', { from, to, strength });
  return t('relation.line', { from, to, strength, kind: t(`relation.kind.${relation.kind}`) });
}
