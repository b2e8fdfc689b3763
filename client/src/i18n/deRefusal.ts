/** German texts for a change the server refused, and for the text kept for the person (see sync/refusal.ts). */
export const deRefusal = {
  'refusal.refusedHeading': 'Ihre letzte Änderung wurde nicht gespeichert',
  'refusal.refused':
    'Ihre letzte Änderung konnte nicht übernommen werden. Das Board zeigt jetzt wieder den gespeicherten Stand. Versuchen Sie es noch einmal. Einen sehr langen Text geben Sie am besten in kürzeren Teilen ein.',
  'refusal.fullHeading': 'Das Board ist voll',
  'refusal.full':
    'Auf dem Board ist kein Platz mehr. Ihre letzte Änderung wurde deshalb nicht gespeichert. Bitten Sie die Moderation, das Board aufzuräumen. Löschen ist weiterhin möglich.',
  'refusal.tooManyHeading': 'Zu viele Änderungen in kurzer Zeit',
  'refusal.tooMany':
    'Von diesem Gerät kamen in kurzer Zeit sehr viele Änderungen. Die Verbindung ist deshalb unterbrochen. Warten Sie einen Moment und verbinden Sie dann erneut.',
  'refusal.forbiddenHeading': 'Die Verbindung wurde getrennt',
  'refusal.forbidden':
    'Dieses Gerät hat etwas gesendet, das auf diesem Board nicht erlaubt ist. Verbinden Sie erneut. Sie arbeiten dann mit dem gespeicherten Stand weiter.',
  'refusal.reconnect': 'Erneut verbinden',
  'refusal.restarting': 'Das Board wird neu geladen…',
  'refusal.endedHeading': 'Ihr Zugang zu diesem Board ist beendet',
  'refusal.ended':
    'Ihr Zugang gilt nicht mehr. Dieses Gerät hat das Board deshalb vergessen. Wenn Sie wieder teilnehmen möchten, bitten Sie die Moderation um eine neue Einladung.',
  'refusal.keptHeading': 'Ihr nicht gespeicherter Text',
  'refusal.keptIntro':
    'Dieser Text ist nicht auf dem Board gespeichert. Kopieren Sie ihn und fügen Sie ihn wieder ein, wenn Sie ihn noch brauchen.',
  'refusal.keptTitle': 'Titel von „{title}“',
  'refusal.keptDescription': 'Beschreibung von „{title}“',
  'refusal.keptComment': 'Kommentar zu „{title}“',
  'refusal.copy': 'Kopieren',
  'refusal.copied': 'Kopiert',
  'refusal.copyFallback': 'Der Text ist markiert. Kopieren Sie ihn mit Strg+C (Mac: Cmd+C).',
  'refusal.dismiss': 'Erledigt',
} as const;
