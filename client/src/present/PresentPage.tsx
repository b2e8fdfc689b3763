import type { RememberedBoard } from '../app/deviceStorage';
import { useRememberedBoards } from '../app/rememberedBoards';
import { sessionServices } from '../app/sessionServices';
import { useT } from '../i18n/locale';
import { BoardContext } from '../sync/SessionContext';
import { useRememberedSession } from '../sync/useRememberedSession';
import { PresentView } from './PresentView';
import '../rounds/rounds.css';
import './present.css';

/** `/b/:boardId/present`: the projector, with the token this device remembers (facilitator or guest link). */
export function PresentPage({ boardId }: { boardId: string }) {
  const t = useT();
  const board = useRememberedBoards((s) => s.boards.find((b) => b.boardId === boardId));
  if (!board || board.role === 'partner') {
    return (
      <main className="present present-message" data-testid="present-no-access">
        <p>{t('present.noAccess')}</p>
      </main>
    );
  }
  return <PresentSessionHost board={board} />;
}

/** Like the board's session host, without edit paths: the projector only reads and keeps up live. */
function PresentSessionHost({ board }: { board: RememberedBoard }) {
  // A lost token is not explained here: the projector keeps showing what it last had.
  const { context } = useRememberedSession(board, sessionServices);
  if (!context) return null;
  return (
    <BoardContext.Provider value={context}>
      <PresentView rememberedTitle={board.title} />
    </BoardContext.Provider>
  );
}
