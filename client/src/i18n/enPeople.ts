import type { dePeople } from './dePeople';

/** English texts for managing people, moving to another device and leaving a board. */
export const enPeople: { readonly [K in keyof typeof dePeople]: string } = {
  'people.button': 'People',
  'people.heading': 'People on this board',
  'people.intro':
    'Everyone taking part. You can change roles, remove someone, or send new access when a device was lost.',
  'people.loading': 'Loading people…',
  'people.name': 'Name',
  'people.organisation': 'Organisation',
  'people.role': 'Role',
  'people.lastSeen': 'Last here',
  'people.devices': 'Devices',
  'people.actions': 'Actions',
  'people.noOrganisation': '–',
  'people.online': 'Online now',
  'people.never': 'Never',
  'people.you': '(you)',
  'people.removed': 'Removed',
  'people.roleLabel': 'Role of {name}',
  'people.role.facilitator': 'Facilitator',
  'people.role.partner': 'Partner',
  'people.role.observer': 'Observer / guest',
  'people.remove': 'Remove',
  'people.removeLabel': 'Remove {name}',
  'people.removeHeading': 'Remove {name} from the board?',
  'people.removeText':
    'All of their devices lose access at once and forget the board. What they contributed stays, with their name.',
  'people.removeConfirm': 'Yes, remove',
  'people.reentry': 'New access',
  'people.reentryLabel': 'New access for {name}',
  'people.reentryHeading': 'New access for {name}',
  'people.reentryText':
    'For a lost device: all of their current devices lose access at once. Give them the link or let them scan the QR code.',
  'people.reentryConfirm': 'Create new access',
  'people.lastFacilitator':
    'A board always needs at least one facilitator. Make someone else a facilitator first.',
  'people.needsPartner': 'Partners speak for an organisation. Invite this person with a partner invitation.',
  'device.button': 'Other device',
  'device.heading': 'Continue on another device',
  'device.intro':
    'Open this link on your other device or scan the QR code. It works once, for 15 minutes. This device stays signed in.',
  'device.create': 'Create link',
  'device.link': 'Link for your other device',
  'device.qrLabel': 'QR code for your other device',
  'device.validUntil': 'Valid until {time}, once',
  'device.pageHeading': 'Open the board on this device',
  'device.opening': 'Setting up access…',
  'device.used':
    'This link has been used already. Create a new one on your first device, or ask the facilitator for new access.',
  'device.expired':
    'This link has expired. Create a new one on your first device, or ask the facilitator for new access.',
  'device.unknown': 'The server does not know this link. Check that it is complete.',
  'leave.lastFacilitator':
    'You are the only facilitator of this board. Make someone else a facilitator first (under "People"), then you can leave.',
  'invite.facilitatorHeading': 'For co-facilitation',
  'invite.facilitatorHint': 'Can do everything you can: run rounds, invite, manage people.',
};
