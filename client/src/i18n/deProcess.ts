/** German texts for the process path, the health check and the process report (see de.ts). */
export const deProcess = {
  'process.heading': 'Prozessweg',
  'process.phase.inventory': 'Bestandsaufnahme',
  'process.phase.collect': 'Ziele sammeln',
  'process.phase.negotiate': 'Aushandeln',
  'process.phase.agree': 'Vereinbaren',
  'process.phase.review': 'Überprüfen',
  'process.purpose.inventory':
    'Alle Partner/innen zeigen, wer sie sind, was sie einbringen und wie sie zueinander stehen.',
  'process.before.inventory':
    'Bevor es weitergeht: Alle Partner/innen haben ein Profil, und Bewohner/innen sitzen mit am Tisch.',
  'process.purpose.collect': 'Alle schlagen Ziele vor, die ihnen für das Quartier wichtig sind.',
  'process.before.collect': 'Bevor es weitergeht: Alle Partner/innen konnten ihre Ziele einbringen.',
  'process.purpose.negotiate':
    'Die Gruppe bespricht die Ziele, formuliert sie um und fragt in Konsensrunden alle nach ihrer Haltung.',
  'process.before.negotiate':
    'Bevor es weitergeht: Jeder Einwand wurde beantwortet oder in den Wortlaut aufgenommen.',
  'process.purpose.agree':
    'Die vereinbarten Ziele bekommen eine Federführung, Beiträge der Partner/innen und einen Termin zur Überprüfung.',
  'process.before.agree':
    'Bevor es weitergeht: Jedes vereinbarte Ziel hat Federführung, Beiträge und Überprüfungstermin.',
  'process.purpose.review': 'Zu den Terminen schaut die Gruppe, was aus den Zielen geworden ist.',
  'process.before.review': 'Danach: Ziele anpassen und bei Bedarf in eine neue Runde gehen.',
  'process.now': 'Jetzt',
  'process.step': 'Schritt {number} von {total}',
  'process.since': 'seit {date}',
  'process.sinceStart': 'seit Beginn',
  'process.moveTo': 'Wechseln zur Phase',
  'process.moveHint': 'Sie entscheiden, wann die Gruppe weitergeht. Zurück geht es jederzeit.',
  'process.moveError': 'Die Phase konnte nicht gewechselt werden. Bitte versuchen Sie es noch einmal.',

  'health.heading': 'Gesundheitscheck',
  'health.intro':
    'Eine Zeile je Grundsatz guter Kooperation, mit der Zahl dahinter und einem Vorschlag. Die Zahlen kommen aus dem, was auf dem Board passiert ist. Sie bewerten keine Partner/innen.',
  'health.link': 'Gesundheitscheck',
  'health.all': 'Alle Zahlen und Erklärungen',
  'health.loading': 'Gesundheitscheck wird berechnet…',
  'health.attention': 'Genauer ansehen',
  'health.fine': 'Im Blick',
  'health.suggestion': 'Vorschlag:',
  'health.explain': 'Wie wird das gezählt?',
  'health.summaryHeading': 'Gesundheitscheck (nur für die Moderation)',
  'health.summaryShort': 'Gesundheitscheck:',
  'health.summaryFine': 'Alles im Blick.',
  'expand.more': 'Mehr zeigen',
  'expand.less': 'Weniger zeigen',
  'health.appendix': 'Wie diese Vereinbarung entstanden ist',
  'health.appendixIntro': 'Der Gesundheitscheck des Boards zum Zeitpunkt dieses Ausdrucks.',

  'health.principle.network': 'Netzwerk-Bestandsaufnahme',
  'health.principle.transparency': 'Transparente Kommunikation',
  'health.principle.structures': 'Klare Strukturen',
  'health.principle.goals': 'Gemeinsame Ziele',
  'health.principle.organisation': 'Prozessorganisation',
  'health.principle.legitimation': 'Legitimation und Machtbalance',

  'health.fig.profiles': '{count} von {of} Partner/innen haben ein Profil ausgefüllt.',
  'health.fig.residentsNone': 'Keine Bewohner/inneninitiative am Tisch.',
  'health.fig.residents': 'Bewohner/inneninitiativen am Tisch: {names}.',
  'health.fig.unseen':
    '{count} von {of} Änderungen seit dem letzten Treffen hat mindestens eine Partnerorganisation noch nicht gesehen.',
  'health.fig.unseenNames': 'Noch nicht auf dem neuesten Stand: {names}.',
  'health.fig.openObjections': '{count} Einwände ohne Antwort oder Änderung.',
  'health.fig.openObjectionsNames': 'Betrifft: {names}.',
  'health.fig.structured':
    '{count} von {of} vereinbarten Zielen haben Federführung, Beiträge und Überprüfungstermin.',
  'health.fig.structuredNames': 'Es fehlt noch etwas bei: {names}.',
  'health.fig.agreed': '{count} von {of} Zielen sind vereinbart.',
  'health.fig.roundsPerAgreed':
    'Konsensrunden je vereinbartem Ziel im Schnitt: {average} (Runden insgesamt: {count}, vereinbarte Ziele: {of}).',
  'health.fig.roundsPerAgreedNone': 'Noch kein Ziel vereinbart, daher noch keine Runden je Ziel.',
  'health.fig.amended': '{count} von {of} Zielen mit Einwand wurden nach einer Änderung vereinbart.',
  'health.fig.meetings': '{count} Treffen, zuletzt am {date}.',
  'health.fig.meetingsOne': 'Bisher ein Treffen, am {date}.',
  'health.fig.meetingsNone': 'Noch kein Treffen festgestellt.',
  'health.fig.sinceLastMeeting': 'Das letzte Treffen ist {count} Tage her.',
  'health.fig.sinceLastMeetingNone': 'Ohne Treffen gibt es noch keinen Abstand zu messen.',
  'health.fig.kindBalance': 'Anteil an {count} Beiträgen, nach Art der Partner/innen:',
  'health.fig.kindBalanceNone': 'Noch keine Beiträge von Partner/innen.',
  'health.fig.kindShare': '{kind}: {count} von {total} Beiträgen · {share} (gleicher Anteil wäre {equal})',
  'health.fig.kindQuiet':
    'deutlich weniger zu Wort gekommen: {count} von {total} Beiträgen, bei gleichem Anteil wären es etwa {expected}',
  'health.fig.kindBalanceTooFew':
    'Noch zu wenige Beiträge für einen Vergleich: Der Check vergleicht erst ab {min} Beiträgen.',
  'health.fig.noStance':
    '{count} von {of} Partner/innen haben noch nie in einer Konsensrunde ihre Haltung abgegeben.',
  'health.fig.noStanceNames': 'Noch ohne Haltung: {names}.',

  'health.fig.unseenNone': 'Seit dem letzten Treffen hat sich auf dem Board nichts geändert.',
  'health.fig.amendedNone': 'Bisher hat kein Ziel einen Einwand bekommen.',
  'health.fig.sinceLastMeetingToday': 'Das letzte Treffen war heute.',
  'health.fig.sinceLastMeetingYesterday': 'Das letzte Treffen war gestern.',

  'health.explain.profiles':
    'Gezählt werden Partner/innen, deren Profil mindestens eine Angabe enthält (Beschreibung, Angebot, Interessen oder Kontakt).',
  'health.explain.residents':
    'Partner/innen der Art „Bewohner/inneninitiative“. Arbeit im Quartier braucht die Legitimation durch die Menschen, die dort leben.',
  'health.explain.unseen':
    'Änderungen an Zielen und Runden nach dem letzten Treffen. Eine Partnerorganisation hat eine Änderung gesehen, wenn eine ihrer Personen danach auf dem Board war oder gerade ist. Eigene Änderungen zählen als gesehen.',
  'health.explain.openObjections':
    'Ziele, deren letzte Konsensrunde mit einem Einwand endete und deren Wortlaut seitdem gleich blieb, ohne neue Runde.',
  'health.explain.structured':
    'Vereinbarte Ziele (die letzte abgeschlossene Runde hat zugestimmt), die eine federführende Organisation, mindestens einen Beitrag und einen Überprüfungstermin haben.',
  'health.explain.agreed':
    'Vereinbarte Ziele im Verhältnis zu allen Zielen, die gerade auf dem Board stehen.',
  'health.explain.roundsPerAgreed':
    'Alle Konsensrunden zu den vereinbarten Zielen, geteilt durch die Zahl dieser Ziele. Mehrere Runden sind kein schlechtes Zeichen: Sie zeigen, dass verhandelt wurde.',
  'health.explain.amended':
    'Ziele, die einmal einen Einwand bekamen, und davon jene, die später mit geändertem Wortlaut vereinbart wurden.',
  'health.explain.meetings':
    'Ein Treffen ist ein Tag, an dem die Moderation einen Fokus gesetzt, die Zeitbox benutzt oder eine Konsensrunde am selben Tag geöffnet und geschlossen hat.',
  'health.explain.sinceLastMeeting':
    'Ganze Tage seit der letzten Moderationshandlung eines Treffens. Nach sechs Wochen schlägt der Check ein Treffen vor.',
  'health.explain.kindBalance':
    'Gezählt werden Beiträge: Vorschläge, Änderungen, Kommentare und Haltungen, nach Art der Partner/innen zusammengezählt (wie bei der Stimmen-Balance). Eine Änderung ist alles, was eine Person an einem Feld eines Ziels schreibt, ohne länger als {gap} Sekunden zu pausieren, höchstens {span} Minuten lang. Schreiben zwei Personen gleichzeitig im selben Feld, hat jede einen Beitrag. Der gleiche Anteil ergibt sich aus der Zahl der Partner/innen dieser Art. Beiträge der Moderation zählen nicht mit. „Deutlich weniger zu Wort gekommen“ steht nur da, wenn es mindestens {min} Beiträge gibt, der gleiche Anteil mindestens {expected} Beiträge wären und die Art weniger als die Hälfte davon hat.',
  'health.explain.noStance':
    'Partner/innen, für die noch keine Haltung sichtbar ist. Haltungen in anonymen Runden sind niemandem zugeordnet und zählen hier nicht.',

  'health.suggest.network.noPartners': 'Laden Sie die Kooperationspartner/innen ein.',
  'health.suggest.network.noResidents':
    'Laden Sie eine Bewohner/inneninitiative ein: Ohne die Menschen aus dem Quartier fehlt der Kooperation die Legitimation.',
  'health.suggest.network.missingProfiles':
    'Bitten Sie die Partner/innen ohne Profil, kurz zu beschreiben, wer sie sind und was sie einbringen.',
  'health.suggest.network.ok': 'Das Netzwerk ist beschrieben. Halten Sie die Profile aktuell.',
  'health.suggest.transparency.openObjections':
    'Besprechen Sie die offenen Einwände: Ändern Sie den Wortlaut oder starten Sie eine neue Runde.',
  'health.suggest.transparency.unseen':
    'Fassen Sie die Änderungen beim nächsten Treffen kurz zusammen, oder schicken Sie den Partner/innen einen Hinweis.',
  'health.suggest.transparency.ok': 'Alle sind auf dem gleichen Stand.',
  'health.suggest.structures.noneAgreed':
    'Sobald Ziele vereinbart sind, klären Sie Federführung, Beiträge und Überprüfung.',
  'health.suggest.structures.incomplete':
    'Ergänzen Sie bei den genannten Zielen, wer federführend ist, wer was beiträgt und wann überprüft wird.',
  'health.suggest.structures.ok': 'Jedes vereinbarte Ziel hat klare Zuständigkeiten.',
  'health.suggest.goals.noGoals': 'Bitten Sie alle Partner/innen, Ziele vorzuschlagen.',
  'health.suggest.goals.noneAgreed': 'Bringen Sie ein ausdiskutiertes Ziel in eine Konsensrunde.',
  'health.suggest.goals.ok': 'Die Gruppe hat sich auf mindestens ein gemeinsames Ziel geeinigt.',
  'health.suggest.organisation.noMeeting':
    'Planen Sie ein erstes Treffen und nehmen Sie sich Zeit für das Kennenlernen.',
  'health.suggest.organisation.longAgo':
    'Das letzte Treffen liegt lange zurück. Planen Sie ein Treffen, damit das Netzwerk lebendig bleibt.',
  'health.suggest.organisation.ok': 'Das letzte Treffen liegt nicht lange zurück.',
  'health.suggest.organisation.oneMeeting':
    'Bisher gab es ein Treffen. Vereinbaren Sie das nächste, damit ein Rhythmus entsteht.',
  'health.suggest.organisation.regular': 'Die Gruppe trifft sich regelmäßig.',
  'health.suggest.legitimation.noPartners':
    'Sobald Partner/innen dabei sind, zeigt diese Zeile, wer zu Wort kommt.',
  'health.suggest.legitimation.quietKind':
    'Eine Art von Partner/innen kommt deutlich weniger zu Wort. Fragen Sie sie gezielt nach ihrer Sicht, zum Beispiel mit einer Runde reihum.',
  'health.suggest.legitimation.noStance':
    'Fragen Sie nach, ob die genannten Partner/innen Unterstützung brauchen, um ihre Haltung abzugeben. Die Moderation kann eine Haltung auch für sie erfassen.',
  'health.suggest.legitimation.ok': 'Keine Art von Partner/innen kommt deutlich weniger zu Wort.',
  'health.suggest.legitimation.tooFew':
    'Noch zu wenige Beiträge, um etwas über die Verteilung der Stimmen zu sagen.',

  'report.link': 'Prozessbericht',
  'report.heading': 'Prozessbericht',
  'report.intro':
    'Phasen, Konsensrunden und Gesundheitscheck auf einen Blick, zum Beispiel für einen Förderbericht.',
  'report.print': 'Drucken',
  'report.markdown': 'Als Markdown herunterladen',
  'report.loading': 'Bericht wird geladen…',
  'report.forbidden': 'Den Prozessbericht kann nur die Moderation abrufen.',
  'report.generated': 'Stand: {date}',
  'report.phases': 'Phasen',
  'report.phaseRange': '{from} bis {to}',
  'report.today': 'heute',
  'report.rounds': 'Konsensrunden',
  'report.noRounds': 'Noch keine Konsensrunden.',
  'report.round': '{goal}, Runde {number} am {date}',
  'report.roundResult': '{outcome} ({responded} von {eligible} Haltungen abgegeben)',
  'report.running': 'läuft noch',
  'report.outcome.agreed': 'vereinbart',
  'report.outcome.objected': 'Einwand',
  'report.outcome.no_quorum': 'zu wenige Haltungen abgegeben',
  'report.outcome.invalidated': 'abgebrochen, der Wortlaut wurde geändert',
  'report.partners': 'Kooperationspartner/innen',
} as const;
