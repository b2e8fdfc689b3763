import type { deMembership } from './deMembership';

/** English texts for confirming organisations and memberships. */
export const enMembership: { readonly [K in keyof typeof deMembership]: string } = {
  'membership.waitingHeading': 'Waiting for the facilitator to confirm you',
  'membership.waitingText':
    'You joined for “{partner}”. Once the facilitator or a confirmed member confirms you, you can give this organisation’s stance. Until then you can read and propose goals.',
  'membership.waitingNewText':
    'You registered “{partner}” as new. Once the facilitator confirms the organisation, you can give its stance. Until then you can read and propose goals.',
  'membership.confirmed': 'Confirmed: you now speak for “{partner}”.',
  'membership.roundWaiting': 'Waiting for the facilitator to confirm you',
  'membership.listHeading': 'Please confirm',
  'membership.listIntro':
    'Only confirmed organisations have a voice in consensus rounds. Confirm only those you know.',
  'membership.newPartner': 'New organisation: {partner}',
  'membership.newPartnerBy': 'registered by {name} · {kind}',
  'membership.member': '{name} wants to speak for “{partner}”',
  'membership.confirm': 'Confirm',
  'membership.confirmPartnerLabel': 'Confirm organisation “{partner}”',
  'membership.confirmMemberLabel': 'Confirm {name} for “{partner}”',
  'membership.decline': 'Decline',
  'membership.declinePartnerLabel': 'Decline organisation “{partner}”',
  'membership.declineAsk':
    'Decline “{partner}”? The organisation disappears. Whoever registered it stays, as a person without organisation.',
  'membership.declineYes': 'Yes, decline',
  'membership.declineNo': 'Cancel',
  'membership.none': 'Nobody is waiting for confirmation.',
  'membership.pendingCount': '{count} waiting for confirmation',
  'membership.failed': 'That did not work. Please try again.',
  'membership.addHeading': 'Add an organisation',
  'membership.addName': 'Name of the organisation',
  'membership.addKind': 'Kind of organisation',
  'membership.addSubmit': 'Add',
  'membership.added': '“{partner}” is now confirmed.',
  'join.orgFixed': 'You join for “{partner}”. The facilitator made this invitation for your organisation.',
  'invite.forPartner': 'Only for this organisation',
  'invite.forPartnerAny': 'Any organisation (needs confirmation)',
  'invite.singleUse': 'Single use',
};
