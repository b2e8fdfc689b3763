/** German texts for managing people (facilitators), moving to another device and leaving a board. */
export const dePeople = {
  'people.button': 'Personen',
  'people.heading': 'Personen auf diesem Board',
  'people.intro':
    'Hier sehen Sie alle Teilnehmenden. Sie können Rollen ändern, jemanden entfernen oder einen neuen Zugang schicken, wenn ein Gerät verloren ging.',
  'people.loading': 'Personen werden geladen…',
  'people.name': 'Name',
  'people.organisation': 'Organisation',
  'people.role': 'Rolle',
  'people.lastSeen': 'Zuletzt da',
  'people.devices': 'Geräte',
  'people.actions': 'Aktionen',
  'people.noOrganisation': '–',
  'people.online': 'Gerade online',
  'people.never': 'Noch nie',
  'people.you': '(Sie)',
  'people.removed': 'Entfernt',
  'people.roleLabel': 'Rolle von {name}',
  'people.role.facilitator': 'Moderation',
  'people.role.partner': 'Kooperationspartner/in',
  'people.role.observer': 'Beobachtung / Gast',
  'people.remove': 'Entfernen',
  'people.removeLabel': 'Entfernen: {name}',
  'people.removeHeading': '{name} vom Board entfernen?',
  'people.removeText':
    'Alle Geräte dieser Person verlieren sofort den Zugang und vergessen das Board. Was die Person beigetragen hat, bleibt mit ihrem Namen erhalten.',
  'people.removeConfirm': 'Ja, entfernen',
  'people.reentry': 'Neuer Zugang',
  'people.reentryLabel': 'Neuer Zugang für {name}',
  'people.reentryHeading': 'Neuer Zugang für {name}',
  'people.reentryText':
    'Für ein verlorenes Gerät: Alle bisherigen Geräte dieser Person verlieren sofort den Zugang. Geben Sie ihr den Link oder lassen Sie sie den QR-Code scannen.',
  'people.reentryConfirm': 'Zugang neu erstellen',
  'people.lastFacilitator':
    'Ein Board braucht immer mindestens eine Moderation. Machen Sie zuerst eine andere Person zur Moderation.',
  'people.needsPartner':
    'Kooperationspartner/innen sprechen für eine Organisation. Laden Sie die Person mit einer Einladung für Kooperationspartner/innen ein.',
  'device.button': 'Anderes Gerät',
  'device.heading': 'Auf einem anderen Gerät weitermachen',
  'device.intro':
    'Öffnen Sie diesen Link auf Ihrem anderen Gerät oder scannen Sie den QR-Code. Der Link funktioniert nur einmal und nur 15 Minuten lang. Dieses Gerät bleibt angemeldet.',
  'device.create': 'Link erstellen',
  'device.link': 'Link für Ihr anderes Gerät',
  'device.qrLabel': 'QR-Code für Ihr anderes Gerät',
  'device.validUntil': 'Gültig bis {time} Uhr, nur einmal',
  'device.pageHeading': 'Board auf diesem Gerät öffnen',
  'device.opening': 'Zugang wird eingerichtet…',
  'device.used':
    'Dieser Link wurde schon benutzt. Erstellen Sie auf Ihrem ersten Gerät einen neuen Link oder bitten Sie die Moderation um einen neuen Zugang.',
  'device.expired':
    'Dieser Link ist abgelaufen. Erstellen Sie auf Ihrem ersten Gerät einen neuen Link oder bitten Sie die Moderation um einen neuen Zugang.',
  'device.unknown': 'Diesen Link kennt der Server nicht. Prüfen Sie, ob er vollständig ist.',
  'leave.lastFacilitator':
    'Sie sind die einzige Moderation dieses Boards. Machen Sie zuerst eine andere Person zur Moderation (unter „Personen“), dann können Sie das Board verlassen.',
  'invite.facilitatorHeading': 'Für die Co-Moderation',
  'invite.facilitatorHint': 'Kann alles, was Sie können: Runden leiten, einladen, Personen verwalten.',
} as const;
