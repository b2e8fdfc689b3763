import type { Role } from '../api/vocabulary';

/**
 * Who may change the network map, one rule for the server (which enforces it) and the client (which offers only
 * what the server will accept): a partner's own people speak for their partner, the facilitator for everyone,
 * observers for no one.
 */
export function mayEditProfile(role: Role, myPartnerId: string | null, partnerId: string): boolean {
  return role === 'facilitator' || (role === 'partner' && myPartnerId === partnerId);
}

/** A relation (to add or remove) is the business of the partners at its ends and of the facilitator. */
export function mayChangeRelation(
  role: Role,
  myPartnerId: string | null,
  relation: { readonly from: string; readonly to: string },
): boolean {
  return (
    role === 'facilitator' ||
    (role === 'partner' &&
      myPartnerId !== null &&
      (relation.from === myPartnerId || relation.to === myPartnerId))
  );
}
