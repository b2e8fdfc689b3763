import type { deOffline } from './deOffline';

export const enOffline: { readonly [K in keyof typeof deOffline]: string } = {
  'offline.unsentOne': 'Offline – 1 change not sent yet. It will be sent as soon as the connection is back.',
  'offline.unsentMany':
    'Offline – {count} changes not sent yet. They will be sent as soon as the connection is back.',
  'offline.allSent': 'Live – All changes sent',

  'pwa.updateReady': 'A new version is available.',
  'pwa.reload': 'Reload',

  'time.days': '{count} days left',
  'time.oneDay': '1 day left',
  'time.hours': '{count} hours left',
  'time.oneHour': '1 hour left',
  'time.lessThanHour': 'less than an hour left',
  'time.over': 'deadline passed',
  'time.noDeadline': 'no fixed end',

  'async.heading': "Consensus rounds are waiting for your organisation's stance",
  'async.intro': 'Your organisation has not answered these yet. You can do so until the round ends.',
  'async.giveStance': 'Give stance',
  'async.giveStanceLabel': 'Give stance on “{title}”',
  'async.facilitatorHeading': 'Open consensus rounds',
  'async.facilitatorIntro': 'Who has not answered yet. You can copy a reminder and send it yourself.',
  'async.missing': 'No answer yet: {names}',
  'async.missingHidden':
    '{missing} of {eligible} partners have not answered yet. Who is hidden in this round.',
  'async.allAnswered': 'All partners have answered.',
  'async.copyReminder': 'Copy reminder',
  'async.copied': 'Reminder copied',
  'async.copyFallback': 'The text is selected. Copy it with Ctrl+C (Mac: Cmd+C).',
  'async.reminderLabel': 'Reminder text for “{title}”',
  'async.reminderText':
    "Reminder: on the board “{board}” the consensus round on the goal “{goal}” is running ({timeLeft}). Please give your organisation's stance: {url}",
  'async.landingOne': '1 consensus round is waiting for your stance ({timeLeft})',
  'async.landingMany': '{count} consensus rounds are waiting for your stance (the next: {timeLeft})',

  'catchup.heading': 'Since your last visit',
  'catchup.since': 'What happened since {date}:',
  'catchup.dismiss': 'Hide',
  'catchup.goals': 'Goals',
  'catchup.rounds': 'Consensus rounds',
  'catchup.proposed': 'newly proposed',
  'catchup.wording': 'wording changed',
  'catchup.stage': 'now “{stage}”',
  'catchup.comment': 'new comment',
  'catchup.removed': 'removed',
  'catchup.details': 'details changed',
  'catchup.roundOpened': 'Round {number} on “{title}” opened',
  'catchup.roundClosed': '“{title}”: {outcome}',
  'catchup.badge': 'Changed since your visit',
  'catchup.open': 'Open “{title}”',

  'conflict.heading': 'Your changes made without a connection have arrived – please note',
  'conflict.invalidated':
    'You changed the wording of “{title}” without a connection. Meanwhile, consensus round {number} was running on the old wording. Your change made that round invalid: the stances given no longer count. The facilitator can open a new round on the new wording.',
  'conflict.changedSinceAgreement':
    'You changed the wording of “{title}” without a connection. This goal had already been agreed. It now counts as “changed since agreement” and needs a new consensus round.',
  'conflict.dismiss': 'Understood',
  'plain.note':
    'No https: everything works live, but the app cannot be installed or reloaded without a network.',
  'plain.why': 'Why?',
  'plain.explanation':
    'Browsers allow installing and offline storage only over a secure connection (https). This board runs over http. The facilitator can start the server with a certificate (TLS_CERT, TLS_KEY) to make both work.',
};
