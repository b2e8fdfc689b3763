import type { deTable } from './deTable';

/** English texts for the round table (see en.ts). */
export const enTable: { readonly [K in keyof typeof deTable]: string } = {
  'table.controls': 'Lead the session',
  'table.controlsHint': 'Everyone sees focus, timebox and agenda – on the projector and on their phones.',
  'table.present': 'Projector view',
  'table.error': 'That did not work. Please try again.',

  'focus.heading': 'In focus',
  'focus.none': 'No goal is in focus right now.',
  'focus.follow': 'Follow the focus',
  'focus.followHint': 'The goal in focus is highlighted and scrolled into view.',
  'focus.choose': 'Put a goal in focus',
  'focus.chooseNone': '– no focus –',
  'focus.open': 'Open goal',

  'timer.heading': 'Timebox',
  'timer.none': 'No timebox',
  'timer.minutes': 'Minutes',
  'timer.start': 'Start',
  'timer.pause': 'Pause',
  'timer.resume': 'Resume',
  'timer.addMinute': '+1 minute',
  'timer.reset': 'End',
  'timer.paused': 'paused',
  'timer.over': 'Time is up',
  'timer.remaining': '{time} left',

  'agenda.heading': 'Agenda',
  'agenda.empty': 'Nothing on the agenda yet.',
  'agenda.add': 'Add a goal',
  'agenda.addButton': 'Add',
  'agenda.done': '“{title}” done',
  'agenda.up': 'Move “{title}” up',
  'agenda.down': 'Move “{title}” down',
  'agenda.remove': 'Remove “{title}”',
  'agenda.progress': '{done} of {total} done',

  'stance.offline':
    'No connection – your stance cannot be sent right now. You can send it as soon as the connection is back.',

  'phone.roundHeading': 'Your stance is asked for',
  'phone.boardHeading': 'All goals',

  'present.noAccess': 'The projector view opens for the facilitator or with a guest link on this device.',
  'present.join': 'Join in',
  'present.joinHint': 'Scan the QR code or type the address',
  'present.code': 'Code {code}',
  'present.roundOpen': 'Consensus round {number} running',
  'present.roundClosed': 'Consensus round {number} closed',
  'present.responded': '{responded} of {eligible} have answered',
  'present.hiddenNote': 'Hidden round: who answered how shows when it closes.',
  'present.anonymousNote': 'Anonymous round: only numbers are shown.',
  'present.waiting': 'waiting',
  'present.presence': 'Present',
  'present.connected': '{count} connected',
  'present.notConnected': 'not connected',
  'present.more': '+ {count} more goals on the board',
  'present.stageCount': '{stage}: {count}',
  'present.boardHeading': 'Goals on the board',
};
