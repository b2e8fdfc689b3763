import { BoardPage } from '../board/BoardPage';
import { TransparencyFrame } from '../network/TransparencyFrame';
import { ActivityFeed } from './ActivityFeed';
import './activity.css';

/** /b/:boardId/activity — the board's activity feed. */
export function ActivityPage({ boardId }: { boardId: string }) {
  return (
    <BoardPage boardId={boardId}>
      <TransparencyFrame view="activity" heading="activity.heading" intro="activity.intro">
        <ActivityFeed />
      </TransparencyFrame>
    </BoardPage>
  );
}
