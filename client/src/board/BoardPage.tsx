import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { RememberedBoard } from '../app/deviceStorage';
import { useRememberedBoards } from '../app/rememberedBoards';
import { Shell } from '../app/Shell';
import { useT } from '../i18n/locale';
import { BoardContext } from '../sync/SessionContext';
import { useRememberedSession } from '../sync/useRememberedSession';
import { BoardView } from './BoardView';
import { useBoardReady } from './useBoardReady';
import './board.css';
import './cards.css';
import '../rounds/rounds.css';

/** The board, or another view of the same live session (`children`, e.g. the network page) instead of it. */
export function BoardPage({ boardId, children }: { boardId: string; children?: ReactNode }) {
  const board = useRememberedBoards((s) => s.boards.find((b) => b.boardId === boardId));
  return board ? <BoardSessionHost board={board}>{children}</BoardSessionHost> : <NoAccess />;
}

function NoAccess({ lostAccess = false }: { lostAccess?: boolean }) {
  const t = useT();
  return (
    <Shell>
      <div className="page narrow" data-testid="board-no-access">
        <h1>{t('board.noAccessHeading')}</h1>
        <p>{lostAccess ? t('error.unauthorized') : t('board.noAccessText')}</p>
        <Link href="/" className="button">
          {t('error.toStart')}
        </Link>
      </div>
    </Shell>
  );
}

/** The live session of a remembered board; a token the server no longer accepts closes it with an explanation. */
function BoardSessionHost({ board, children }: { board: RememberedBoard; children?: ReactNode }) {
  const { context, lostAccess } = useRememberedSession(board);
  if (lostAccess) return <NoAccess lostAccess />;
  if (!context) return null;
  return (
    <BoardContext.Provider value={context}>
      {children ?? <BoardWhenReady rememberedTitle={board.title} />}
    </BoardContext.Provider>
  );
}

/** The board once it has something to show (see useBoardReady); nothing until then. */
function BoardWhenReady({ rememberedTitle }: { rememberedTitle: string }) {
  return useBoardReady() ? <BoardView rememberedTitle={rememberedTitle} /> : null;
}
