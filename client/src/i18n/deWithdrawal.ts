/** German texts for withdrawing and restoring goals (see de.ts). */
export const deWithdrawal = {
  'withdrawal.withdraw': 'Ziel zurückziehen',
  'withdrawal.withdrawHint':
    'Das Ziel verschwindet von der Tafel und bleibt unter „Zurückgezogen“ aufgelistet. Es behält seine Spalte und kann wiederhergestellt werden.',
  'withdrawal.withdrawn': 'Ziel zurückgezogen: {title}',
  'withdrawal.list': 'Zurückgezogen ({count})',
  'withdrawal.heading': 'Zurückgezogene Ziele',
  'withdrawal.by': 'zurückgezogen von {name}',
  'withdrawal.restore': 'Wiederherstellen',
  'withdrawal.restoreLabel': '„{title}“ wiederherstellen',
  'withdrawal.restored': 'Ziel wiederhergestellt: {title}',
  'withdrawal.isWithdrawn': 'Dieses Ziel ist zurückgezogen und steht auf keiner Spalte der Tafel.',
  'withdrawal.noRound':
    'Ein zurückgezogenes Ziel kommt in keine Konsensrunde. Stellen Sie es zuerst wieder her.',
} as const;
