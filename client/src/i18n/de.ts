import { deAmendments } from './deAmendments';
import { deBoardTools } from './deBoardTools';
import { deMembership } from './deMembership';
import { deModeration } from './deModeration';
import { deNetwork } from './deNetwork';
import { deOffline } from './deOffline';
import { dePeople } from './dePeople';
import { deProcess } from './deProcess';
import { deRefusal } from './deRefusal';
import { deRounds } from './deRounds';
import { deTable } from './deTable';
import { deWithdrawal } from './deWithdrawal';

/**
 * German, the default language. Plain words, formal "Sie", inclusive forms (see UX.md glossary).
 * Placeholders in braces are filled by `t(key, params)`; en.ts must have the same keys and placeholders.
 */
export const de = {
  'app.name': 'Common Ground',
  'app.skipToContent': 'Zum Inhalt springen',
  'lang.label': 'Sprache',
  'lang.de': 'Deutsch',
  'lang.en': 'English',

  'landing.tagline': 'Gemeinsame Ziele für Ihr Quartier – sichtbar verhandelt, bis alle zustimmen können.',
  'landing.explain1':
    'Auf einem Board schlagen die Kooperationspartner/innen Ziele vor, besprechen sie und bringen sie zur Konsensrunde.',
  'landing.explain2':
    'Alle sehen Änderungen sofort. Jede Partnerorganisation hat eine Stimme – egal, wie viele Menschen sie schickt.',
  'landing.createHeading': 'Neues Board anlegen',
  'landing.createHint': 'Sie übernehmen die Moderation und können danach Partner/innen einladen.',
  'landing.boardTitle': 'Name des Boards',
  'landing.boardTitleHint': 'Zum Beispiel: Runder Tisch Südstadt 2027',
  'landing.yourName': 'Ihr Name',
  'landing.yourNameHint': 'So sehen die anderen, wer moderiert. Leer lassen für „Moderation“.',
  'landing.create': 'Board anlegen',
  'landing.createKey': 'Schlüssel zum Anlegen',
  'landing.createKeyHint':
    'Dieser Server legt Boards nur mit seinem Schlüssel an. Sie erhalten ihn vom Betreiber.',
  'landing.creating': 'Board wird angelegt…',
  'landing.rememberedHeading': 'Ihre Boards auf diesem Gerät',
  'landing.rememberedEmpty': 'Auf diesem Gerät sind noch keine Boards gespeichert.',
  'landing.open': 'Öffnen',
  'landing.forget': 'Vergessen',
  'landing.forgetLabel': 'Board „{title}“ auf diesem Gerät vergessen',
  'landing.forgetConfirm':
    'Board „{title}“ auf diesem Gerät vergessen? Sie brauchen dann einen neuen Einladungslink, um zurückzukommen.',
  'landing.rememberedAs': 'als {name} · {role}',

  'role.facilitator': 'Moderation',
  'role.partner': 'Kooperationspartner/in',
  'role.observer': 'Beobachtung / Gast',

  'kind.residents': 'Bewohner/inneninitiative',
  'kind.welfare': 'Wohlfahrtsverband / freier Träger',
  'kind.housing': 'Wohnungsunternehmen',
  'kind.municipality': 'Kommune / Verwaltung',
  'kind.school': 'Schule',
  'kind.business': 'Gewerbe',
  'kind.other': 'Sonstige',

  'join.errorHeading': 'Diese Einladung funktioniert nicht',
  'join.loading': 'Einladung wird geladen…',
  'join.heading': 'Einladung zum Board „{title}“',
  'join.roleIs': 'Sie nehmen teil als: {role}',
  'join.roleHint.partner': 'Sie können Ziele vorschlagen, bearbeiten und für Ihre Organisation sprechen.',
  'join.roleHint.observer': 'Sie können alles mitlesen, aber nichts ändern.',
  'join.roleHint.facilitator': 'Sie können das Board moderieren und weitere Personen einladen.',
  'join.yourName': 'Ihr Name',
  'join.yourNameHint': 'So sehen die anderen, wer gerade dabei ist.',
  'join.orgHeading': 'Für welche Organisation sind Sie hier?',
  'join.orgExisting': 'Meine Organisation ist schon dabei',
  'join.orgNew': 'Meine Organisation ist neu hier',
  'join.orgNewName': 'Name der Organisation',
  'join.orgKind': 'Art der Organisation',
  'join.orgKindChoose': 'Bitte wählen',
  'join.submit': 'Beitreten',
  'join.submitting': 'Sie treten bei…',
  'join.alreadyMember': 'Sie sind diesem Board auf diesem Gerät schon beigetreten.',
  'join.openBoard': 'Board öffnen',
  'join.errorSummary': 'Bitte prüfen Sie Ihre Angaben:',
  'join.nameRequired': 'Bitte geben Sie Ihren Namen ein.',
  'join.orgRequired': 'Bitte wählen Sie Ihre Organisation oder legen Sie eine neue an.',
  'join.orgNameRequired': 'Bitte geben Sie den Namen Ihrer Organisation ein.',
  'join.orgKindRequired': 'Bitte wählen Sie die Art Ihrer Organisation.',

  'error.inviteExpired':
    'Diese Einladung ist abgelaufen oder schon ausgeschöpft. Bitten Sie die Moderation um einen neuen Link.',
  'error.inviteRevoked':
    'Die Moderation hat diese Einladung zurückgezogen. Bitten Sie sie um einen neuen Link, falls Sie teilnehmen sollen.',
  'error.createKey':
    'Der Schlüssel zum Anlegen fehlt oder stimmt nicht. Bitte prüfen Sie ihn oder fragen Sie den Betreiber.',
  'error.inviteUnknown':
    'Diese Einladung kennen wir nicht. Prüfen Sie, ob der Link vollständig ist, oder bitten Sie die Moderation um einen neuen Link.',
  'error.network':
    'Keine Verbindung zum Server. Prüfen Sie Ihre Internetverbindung und versuchen Sie es noch einmal.',
  'error.invalid': 'Einige Angaben passen nicht. Bitte prüfen Sie die Felder.',
  'error.unauthorized':
    'Ihr Zugang zu diesem Board gilt nicht mehr. Bitten Sie die Moderation um einen neuen Link.',
  'error.forbidden': 'Dafür fehlt Ihnen die Berechtigung.',
  'error.tooMany': 'Zu viele Anfragen in kurzer Zeit. Bitte warten Sie einen Moment.',
  'error.generic': 'Etwas ist schiefgegangen. Bitte versuchen Sie es noch einmal.',
  'error.retry': 'Noch einmal versuchen',
  'error.toStart': 'Zur Startseite',
  'notFound.heading': 'Diese Seite gibt es nicht',
  'notFound.text': 'Vielleicht ist der Link unvollständig.',

  'board.noAccessHeading': 'Kein Zugang auf diesem Gerät',
  'board.noAccessText':
    'Dieses Gerät kennt das Board nicht. Öffnen Sie den Einladungslink, den Sie bekommen haben, oder bitten Sie die Moderation um einen neuen.',
  'board.loading': 'Board wird geladen…',
  'board.heading': 'Ziele',
  'board.status.connecting': 'Verbinde…',
  'board.status.live': 'Live',
  'board.status.sending': 'Live – Änderungen werden gesendet…',
  'board.status.offlineSaved': 'Offline – Sie sehen den letzten Stand',
  'board.presenceLabel': 'Gerade online',
  'board.presenceCount': '{count} online',
  'board.you': '(Sie)',
  'board.leave': 'Board verlassen',
  'board.leaveHeading': 'Board auf diesem Gerät verlassen?',
  'board.leaveText':
    'Dieses Gerät vergisst Ihren Zugang. Um zurückzukommen, brauchen Sie einen neuen Einladungslink. Ihre Beiträge bleiben auf dem Board.',
  'board.leaveConfirm': 'Ja, verlassen',
  'board.cancel': 'Abbrechen',
  'board.close': 'Schließen',
  'board.readOnly': 'Sie lesen mit. Änderungen können nur Partner/innen und die Moderation vornehmen.',

  'stage.proposed': 'Vorgeschlagen',
  'stage.discussing': 'In Diskussion',
  'stage.ready': 'Bereit zur Konsensrunde',
  'stage.parked': 'Geparkt',
  'stageHint.proposed': 'Neue Ideen. Noch nicht besprochen.',
  'stageHint.discussing': 'Wird gerade besprochen und umformuliert.',
  'stageHint.ready': 'Der Wortlaut steht. Als Nächstes fragt eine Konsensrunde alle Partner/innen.',
  'stageHint.parked': 'Zurückgestellt. Kann jederzeit wieder aufgenommen werden.',
  'column.count': '{count} Ziele',
  'column.countOne': '1 Ziel',
  'column.empty': 'Noch keine Ziele hier.',

  'goal.propose': 'Ziel vorschlagen',
  'goal.proposeHeading': 'Neues Ziel vorschlagen',
  'goal.title': 'Titel',
  'goal.titleHint': 'Ein kurzer Satz, höchstens 200 Zeichen.',
  'goal.description': 'Beschreibung',
  'goal.descriptionHint': 'Was soll sich ändern, für wen, bis wann? (freiwillig)',
  'goal.titleRequired': 'Bitte geben Sie einen Titel ein.',
  'goal.submit': 'Vorschlagen',
  'goal.by': 'von {name}',
  'goal.unknownAuthor': 'unbekannt',
  'goal.proposedBy': 'Vorgeschlagen von {name}',
  'goal.editingBy': '{name} bearbeitet',
  'goal.open': 'Ziel öffnen: {title}',
  'goal.untitled': '(ohne Titel)',
  'goal.dragHandle': 'Ziel verschieben: {title}',
  'goal.editHeading': 'Ziel bearbeiten',
  'goal.viewHeading': 'Ziel',
  'goal.liveHint': 'Änderungen werden sofort für alle gespeichert.',
  'goal.moveTo': 'Verschieben nach…',
  'goal.stageNow': 'Stand: {stage}',
  'goal.noDescription': 'Keine Beschreibung.',
  'goal.gone': 'Dieses Ziel gibt es nicht mehr.',

  'dnd.instructions':
    'Um ein Ziel zu verschieben, drücken Sie die Leertaste oder Enter. Mit den Pfeiltasten bewegen Sie es zwischen Spalten und Positionen. Drücken Sie die Leertaste oder Enter erneut, um es abzulegen, oder Escape, um abzubrechen.',
  'dnd.roleDescription': 'verschiebbares Ziel',
  'dnd.start': 'Ziel „{title}“ aufgenommen.',
  'dnd.overColumn': 'Ziel „{title}“ ist über der Spalte „{column}“.',
  'dnd.position': 'Ziel „{title}“: Position {position} von {count} in der Spalte „{column}“.',
  'dnd.outside': 'Ziel „{title}“ ist über keiner Spalte.',
  'dnd.end': 'Ziel „{title}“ wurde in die Spalte „{column}“ verschoben.',
  'dnd.endNowhere': 'Ziel „{title}“ wurde abgelegt, ohne verschoben zu werden.',
  'dnd.cancel': 'Verschieben abgebrochen. Ziel „{title}“ bleibt, wo es war.',

  'invite.button': 'Einladen',
  'invite.heading': 'Personen einladen',
  'invite.intro':
    'Erstellen Sie einen Link und schicken Sie ihn weiter, oder lassen Sie den QR-Code mit dem Handy scannen. Ein Link gilt 30 Tage und für beliebig viele Personen.',
  'invite.partnerHeading': 'Für Kooperationspartner/innen',
  'invite.partnerHint': 'Können Ziele vorschlagen und bearbeiten.',
  'invite.observerHeading': 'Für Beobachtung / Gäste',
  'invite.observerHint': 'Können alles mitlesen, aber nichts ändern. Gut für den Beamer.',
  'invite.create': 'Link erstellen',
  'invite.creating': 'Link wird erstellt…',
  'invite.created': 'Der Einladungslink ist erstellt.',
  'invite.link': 'Einladungslink',
  'invite.copy': 'Link kopieren',
  'invite.copied': 'Kopiert',
  'invite.copyFallback': 'Link markiert – jetzt kopieren (lange drücken oder Strg+C).',
  'invite.qrLabel': 'QR-Code für den Einladungslink',
  'invite.validUntil': 'Gültig bis {date}',
  'invites.heading': 'Bestehende Einladungen',
  'invites.loading': 'Einladungen werden geladen…',
  'invites.none': 'Noch keine Einladungen.',
  'invites.organisation': 'Organisation',
  'invites.created': 'Erstellt',
  'invites.createdBy': '{date} von {name}',
  'invites.expires': 'Läuft ab',
  'invites.uses': 'Benutzt',
  'invites.usesOf': '{uses} von {max}',
  'invites.usesUnlimited': '{uses}, ohne Grenze',
  'invites.status': 'Status',
  'invites.anyOrganisation': 'Wählen Beitretende selbst',
  'invites.unknownOrganisation': 'Unbekannt',
  'invites.unknownCreator': 'unbekannt',
  'invites.status.usable': 'gültig',
  'invites.status.revoked': 'widerrufen',
  'invites.status.expired': 'abgelaufen',
  'invites.status.used_up': 'aufgebraucht',
  'invites.revoke': 'Widerrufen',
  'invites.revokeLabel': 'Widerrufen: {role}, erstellt {date}',
  'invites.revokeHeading': 'Einladung widerrufen?',
  'invites.revokeText': 'Wer den Link schon benutzt hat, bleibt auf dem Board.',
  'invites.revokeConfirm': 'Ja, widerrufen',
  'invites.revoked': 'Die Einladung ist widerrufen. Ihr Link funktioniert nicht mehr.',
  'links.loopbackHeading': 'Handys können diese Links nicht öffnen',
  'links.loopbackText': 'Sie zeigen auf 127.0.0.1 bzw. localhost, also nur auf diesen Laptop.',
  'links.loopbackFix': 'Beenden Sie den Server im Terminal (Strg+C) und starten Sie ihn neu mit',
  'links.loopbackAfter': 'Danach nutzen neue Links die Adresse des Laptops im WLAN.',
  'links.loopbackProjector': 'Handys können diesen QR-Code nicht öffnen: Er zeigt nur auf diesen Laptop.',
  'links.loopbackProjectorFix': 'Abhilfe: den Server neu starten mit',
  ...deRounds,
  ...deAmendments,
  ...deNetwork,
  ...deTable,
  ...deBoardTools,
  ...deWithdrawal,
  ...deOffline,
  ...deProcess,
  ...deRefusal,
  ...dePeople,
  ...deMembership,
  ...deModeration,
} as const;

export type MessageKey = keyof typeof de;
/** Every language must translate every key: a missing or extra key is a type error. */
export type Messages = { readonly [K in MessageKey]: string };
