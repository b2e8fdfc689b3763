import type { Partner, Role } from '@common-ground/shared/api';
import { mayChangeRelation } from '@common-ground/shared/rules';

/**
 * Who a new relation may start from: any partner for the facilitator, the own one for a partner (a relation it
 * starts is one it is at an end of, so the shared rule decides).
 */
export function relationSources(
  role: Role,
  myPartnerId: string | null,
  partners: readonly Partner[],
): Partner[] {
  return partners.filter((p) => mayChangeRelation(role, myPartnerId, { from: p.id, to: p.id }));
}
