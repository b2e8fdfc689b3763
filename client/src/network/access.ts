import type { Partner, Relation, Role } from '@common-ground/shared';

/** A partner's own people edit its profile; the facilitator edits every profile (as the server checks too). */
export const canEditProfile = (role: Role, myPartnerId: string | null, partnerId: string): boolean =>
  role === 'facilitator' || (role === 'partner' && myPartnerId === partnerId);

export const canRemoveRelation = (role: Role, myPartnerId: string | null, relation: Relation): boolean =>
  role === 'facilitator' ||
  (role === 'partner' &&
    myPartnerId !== null &&
    (relation.from === myPartnerId || relation.to === myPartnerId));

/** Who a new relation may start from: any partner for the facilitator, the own one for a partner. */
export function relationSources(
  role: Role,
  myPartnerId: string | null,
  partners: readonly Partner[],
): Partner[] {
  if (role === 'facilitator') return [...partners];
  if (role !== 'partner' || !myPartnerId) return [];
  return partners.filter((p) => p.id === myPartnerId);
}
