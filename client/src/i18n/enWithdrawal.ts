import type { deWithdrawal } from './deWithdrawal';

/** English texts for withdrawing and restoring goals (see en.ts). */
export const enWithdrawal: { readonly [K in keyof typeof deWithdrawal]: string } = {
  'withdrawal.withdraw': 'Withdraw goal',
  'withdrawal.withdrawHint':
    'The goal leaves the board and stays listed under “Withdrawn”. It keeps its column and can be restored.',
  'withdrawal.withdrawn': 'Goal withdrawn: {title}',
  'withdrawal.list': 'Withdrawn ({count})',
  'withdrawal.heading': 'Withdrawn goals',
  'withdrawal.by': 'withdrawn by {name}',
  'withdrawal.restore': 'Restore',
  'withdrawal.restoreLabel': 'Restore “{title}”',
  'withdrawal.restored': 'Goal restored: {title}',
  'withdrawal.isWithdrawn': 'This goal is withdrawn and is in no column of the board.',
  'withdrawal.noRound': 'A withdrawn goal gets no consensus round. Restore it first.',
};
