import { isPartnerKind, type PartnerKind, type Role } from '@common-ground/shared/api';
import type { MessageKey } from '../i18n/catalogues';

/** What the person entered; `partnerChoice` is an existing partner's id, 'new', or '' (nothing chosen). */
export interface JoinInput {
  readonly name: string;
  readonly partnerChoice: string;
  readonly newPartnerName: string;
  readonly newPartnerKind: string;
}

export type JoinField = 'name' | 'partner' | 'partnerName' | 'partnerKind';
export type JoinErrors = Partial<Record<JoinField, MessageKey>>;

export type JoinPartner = { partnerId: string } | { partner: { name: string; kind: PartnerKind } } | null;

/**
 * Checks the form the way the server will, so the person learns about mistakes before sending. Only a partner
 * invite that names no organisation asks for one: observers never belong to one, and an invite for one
 * organisation (`fixedPartner`) already says which.
 */
export function validateJoin(
  input: JoinInput,
  role: Role,
  fixedPartner = false,
): { errors: JoinErrors; partner: JoinPartner } {
  const errors: JoinErrors = {};
  if (!input.name.trim()) errors.name = 'join.nameRequired';
  if (role !== 'partner' || fixedPartner) return { errors, partner: null };
  if (input.partnerChoice === 'new') {
    const name = input.newPartnerName.trim();
    const kind = input.newPartnerKind;
    if (!name) errors.partnerName = 'join.orgNameRequired';
    if (!isPartnerKind(kind)) errors.partnerKind = 'join.orgKindRequired';
    return { errors, partner: name && isPartnerKind(kind) ? { partner: { name, kind } } : null };
  }
  if (!input.partnerChoice) {
    errors.partner = 'join.orgRequired';
    return { errors, partner: null };
  }
  return { errors, partner: { partnerId: input.partnerChoice } };
}
