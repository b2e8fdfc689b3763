/** German texts for confirming organisations and memberships (the facilitator's list, the waiting phone). */
export const deMembership = {
  'membership.waitingHeading': 'Warten auf Bestätigung durch die Moderation',
  'membership.waitingText':
    'Sie haben sich für „{partner}“ angemeldet. Sobald die Moderation oder ein bestätigtes Mitglied Sie bestätigt, können Sie in Konsensrunden die Haltung dieser Organisation abgeben. Bis dahin können Sie Ziele lesen und vorschlagen.',
  'membership.waitingNewText':
    'Sie haben „{partner}“ neu angemeldet. Sobald die Moderation die Organisation bestätigt, können Sie in Konsensrunden ihre Haltung abgeben. Bis dahin können Sie Ziele lesen und vorschlagen.',
  'membership.confirmed': 'Bestätigt: Sie sprechen jetzt für „{partner}“.',
  'membership.roundWaiting': 'Warten auf Bestätigung durch die Moderation',
  'membership.listHeading': 'Bitte bestätigen',
  'membership.listIntro':
    'Nur bestätigte Organisationen haben eine Stimme in Konsensrunden. Bestätigen Sie nur, wen Sie kennen.',
  'membership.newPartner': 'Neue Organisation: {partner}',
  'membership.newPartnerBy': 'angemeldet von {name} · {kind}',
  'membership.member': '{name} möchte für „{partner}“ sprechen',
  'membership.confirm': 'Bestätigen',
  'membership.confirmPartnerLabel': 'Organisation „{partner}“ bestätigen',
  'membership.confirmMemberLabel': '{name} für „{partner}“ bestätigen',
  'membership.decline': 'Ablehnen',
  'membership.declinePartnerLabel': 'Organisation „{partner}“ ablehnen',
  'membership.declineAsk':
    '„{partner}“ ablehnen? Die Organisation verschwindet. Wer sie angemeldet hat, bleibt als Person ohne Organisation dabei.',
  'membership.declineYes': 'Ja, ablehnen',
  'membership.declineNo': 'Abbrechen',
  'membership.none': 'Niemand wartet auf Bestätigung.',
  'membership.pendingCount': '{count} warten auf Bestätigung',
  'membership.failed': 'Das hat nicht geklappt. Bitte versuchen Sie es noch einmal.',
  'membership.addHeading': 'Organisation hinzufügen',
  'membership.addName': 'Name der Organisation',
  'membership.addKind': 'Art der Organisation',
  'membership.addSubmit': 'Hinzufügen',
  'membership.added': '„{partner}“ ist jetzt bestätigt dabei.',
  'join.orgFixed':
    'Sie treten für „{partner}“ bei. Die Moderation hat diese Einladung für Ihre Organisation erstellt.',
  'invite.forPartner': 'Nur für diese Organisation',
  'invite.forPartnerAny': 'Jede Organisation (muss bestätigt werden)',
  'invite.singleUse': 'Nur einmal verwendbar',
} as const;
