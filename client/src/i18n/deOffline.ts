/** German texts for working between meetings: offline, app updates, waiting rounds, catch-up, conflicts. */
export const deOffline = {
  'offline.unsentOne':
    'Offline – 1 Änderung noch nicht gesendet. Sie wird gesendet, sobald die Verbindung zurück ist.',
  'offline.unsentMany':
    'Offline – {count} Änderungen noch nicht gesendet. Sie werden gesendet, sobald die Verbindung zurück ist.',
  'offline.allSent': 'Live – Alle Änderungen gesendet',

  'pwa.updateReady': 'Neue Version verfügbar.',
  'pwa.reload': 'Neu laden',

  'time.days': 'noch {count} Tage',
  'time.oneDay': 'noch 1 Tag',
  'time.hours': 'noch {count} Stunden',
  'time.oneHour': 'noch 1 Stunde',
  'time.lessThanHour': 'noch weniger als eine Stunde',
  'time.over': 'Frist abgelaufen',
  'time.noDeadline': 'ohne festes Ende',

  'async.heading': 'Konsensrunden warten auf die Haltung Ihrer Organisation',
  'async.intro':
    'Ihre Organisation hat hier noch nicht geantwortet. Sie können das bis zum Ende der Runde tun.',
  'async.giveStance': 'Haltung abgeben',
  'async.giveStanceLabel': 'Haltung abgeben zu „{title}“',
  'async.facilitatorHeading': 'Offene Konsensrunden',
  'async.facilitatorIntro':
    'Wer noch nicht geantwortet hat. Eine Erinnerung können Sie kopieren und selbst verschicken.',
  'async.missing': 'Noch ohne Antwort: {names}',
  'async.missingHidden':
    '{missing} von {eligible} Partner/innen haben noch nicht geantwortet. Wer, ist in dieser Runde verborgen.',
  'async.allAnswered': 'Alle Partner/innen haben geantwortet.',
  'async.copyReminder': 'Erinnerung kopieren',
  'async.copied': 'Erinnerung kopiert',
  'async.copyFallback': 'Der Text ist markiert. Kopieren Sie ihn mit Strg+C (Mac: Cmd+C).',
  'async.reminderLabel': 'Erinnerungstext zu „{title}“',
  'async.reminderText':
    'Erinnerung: Auf dem Board „{board}“ läuft die Konsensrunde zum Ziel „{goal}“ ({timeLeft}). Bitte geben Sie die Haltung Ihrer Organisation ab: {url}',
  'async.landingOne': '1 Konsensrunde wartet auf Ihre Haltung ({timeLeft})',
  'async.landingMany': '{count} Konsensrunden warten auf Ihre Haltung (die nächste: {timeLeft})',

  'catchup.heading': 'Seit Ihrem letzten Besuch',
  'catchup.since': 'Was sich seit {date} getan hat:',
  'catchup.dismiss': 'Ausblenden',
  'catchup.goals': 'Ziele',
  'catchup.rounds': 'Konsensrunden',
  'catchup.proposed': 'neu vorgeschlagen',
  'catchup.wording': 'Wortlaut geändert',
  'catchup.stage': 'jetzt „{stage}“',
  'catchup.comment': 'neuer Kommentar',
  'catchup.removed': 'entfernt',
  'catchup.details': 'Details geändert',
  'catchup.roundOpened': 'Runde {number} zu „{title}“ eröffnet',
  'catchup.roundClosed': '„{title}“: {outcome}',
  'catchup.badge': 'Geändert seit Ihrem Besuch',
  'catchup.open': '„{title}“ öffnen',

  'conflict.heading': 'Ihre Änderungen ohne Verbindung sind angekommen – bitte beachten Sie',
  'conflict.invalidated':
    'Sie haben den Wortlaut von „{title}“ ohne Verbindung geändert. Währenddessen lief Konsensrunde {number} über den alten Wortlaut. Ihre Änderung hat diese Runde ungültig gemacht: Die abgegebenen Haltungen zählen nicht mehr. Die Moderation kann eine neue Runde über den neuen Wortlaut eröffnen.',
  'conflict.changedSinceAgreement':
    'Sie haben den Wortlaut von „{title}“ ohne Verbindung geändert. Dieses Ziel war schon vereinbart. Es gilt jetzt als „seit der Vereinbarung geändert“ und braucht eine neue Konsensrunde.',
  'conflict.dismiss': 'Verstanden',
  'plain.note':
    'Ohne https: Alles läuft live, aber die App lässt sich nicht installieren und ohne Netz nicht neu laden.',
  'plain.why': 'Warum?',
  'plain.explanation':
    'Browser erlauben Installation und Offline-Speicher nur über eine sichere Verbindung (https). Dieses Board läuft über http. Die Moderation kann den Server mit einem Zertifikat starten (TLS_CERT, TLS_KEY), dann geht beides.',
} as const;
