import type { InviteRecord, JoinFailure, JoinPartner } from './types';

/** Whom a join makes the new person speak for, before storage looks anything up. */
export type JoinMembership =
  /** No organisation. */
  | { readonly type: 'none' }
  /** The invite's organisation, confirmed at once: the facilitator vouched by handing out that link. */
  | { readonly type: 'confirmed'; readonly partnerId: string }
  /** A claim of an existing (confirmed) organisation, waiting for the facilitator or a confirmed member. */
  | { readonly type: 'claim'; readonly partnerId: string }
  /** A new organisation, proposed: it and its proposer wait for the facilitator. */
  | { readonly type: 'propose' };

/**
 * The rules both engines apply inside the join's transaction: observers never belong to an organisation, and an
 * invite for one organisation admits no other.
 */
export function joinMembership(
  invite: InviteRecord,
  partner: JoinPartner,
): JoinMembership | { readonly type: 'refused'; readonly reason: JoinFailure } {
  if (invite.role === 'observer' && partner.type !== 'none')
    return { type: 'refused', reason: 'partner_fixed' };
  const fixed = invite.partnerId ?? null;
  if (fixed !== null) {
    const same = partner.type === 'none' || (partner.type === 'existing' && partner.partnerId === fixed);
    return same ? { type: 'confirmed', partnerId: fixed } : { type: 'refused', reason: 'partner_fixed' };
  }
  if (partner.type === 'existing') return { type: 'claim', partnerId: partner.partnerId };
  return partner.type === 'new' ? { type: 'propose' } : { type: 'none' };
}
