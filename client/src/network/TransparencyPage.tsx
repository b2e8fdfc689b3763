import { ActivityPage } from '../activity/ActivityPage';
import { AsOfPage } from '../activity/AsOfPage';
import { BalancePage } from '../balance/BalancePage';
import { NetworkPage } from './NetworkPage';
import type { TransparencyView } from './views';

/** One lazily loaded entry for the four transparency views of a board. */
export function TransparencyPage({ boardId, view }: { boardId: string; view: TransparencyView }) {
  if (view === 'network') return <NetworkPage boardId={boardId} />;
  if (view === 'activity') return <ActivityPage boardId={boardId} />;
  if (view === 'as-of') return <AsOfPage boardId={boardId} />;
  return <BalancePage boardId={boardId} />;
}
