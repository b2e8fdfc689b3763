import { type ReactNode, useEffect, useRef } from 'react';
import { Link } from 'wouter';
import type { RememberedBoard } from '../app/deviceStorage';
import { useRememberedBoards } from '../app/rememberedBoards';
import { Shell } from '../app/Shell';
import { sessionServices } from '../app/sessionServices';
import { useT } from '../i18n/locale';
import { useRefusals } from '../sync/refusalStore';
import { BoardContext, useBoardContext } from '../sync/SessionContext';
import { useRememberedSession } from '../sync/useRememberedSession';
import { BoardView } from './BoardView';
import { RefusalNotice } from './RefusalNotice';
import { useBoardReady } from './useBoardReady';
import './board.css';
import './cards.css';
import '../rounds/rounds.css';

/** The board, or another view of the same live session (`children`, e.g. the network page) instead of it. */
export function BoardPage({ boardId, children }: { boardId: string; children?: ReactNode }) {
  const board = useRememberedBoards((s) => s.boards.find((b) => b.boardId === boardId));
  const accessEnded = useRefusals((s) => s.ended.includes(boardId));
  if (accessEnded) return <AccessEnded />;
  return board ? <BoardSessionHost board={board}>{children}</BoardSessionHost> : <NoAccess />;
}

/** The server ended this participant's access while the board was open; this device has forgotten the board. */
function AccessEnded() {
  const t = useT();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The board that had focus is gone.
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <Shell>
      <div className="page narrow" data-testid="board-access-ended">
        <div className="alert refusal-notice" role="alert">
          <h1 ref={headingRef} tabIndex={-1}>
            {t('refusal.endedHeading')}
          </h1>
          <p>{t('refusal.ended')}</p>
        </div>
        <Link href="/" className="button">
          {t('error.toStart')}
        </Link>
      </div>
    </Shell>
  );
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
  const { context, lostAccess } = useRememberedSession(board, sessionServices);
  const restarted = useRefusals((s) => (s.boards[board.boardId]?.generation ?? 0) > 0);
  if (lostAccess) return <NoAccess lostAccess />;
  if (!context) return restarted ? <FreshStartFrame boardId={board.boardId} /> : null;
  return (
    <BoardContext.Provider value={context}>
      {children ?? <BoardWhenReady rememberedTitle={board.title} restarted={restarted} />}
    </BoardContext.Provider>
  );
}

/** The board once it has something to show (see useBoardReady); nothing until then, unless it is starting again. */
function BoardWhenReady({ rememberedTitle, restarted }: { rememberedTitle: string; restarted: boolean }) {
  const { boardId } = useBoardContext();
  if (useBoardReady()) return <BoardView rememberedTitle={rememberedTitle} />;
  return restarted ? <FreshStartFrame boardId={boardId} /> : null;
}

/** While a fresh copy of the board loads after a refusal: the notice stays readable and focus has a place. */
function FreshStartFrame({ boardId }: { boardId: string }) {
  const t = useT();
  return (
    <Shell>
      <div className="page narrow" data-testid="board-restarting">
        <RefusalNotice boardId={boardId} />
        <p role="status">{t('refusal.restarting')}</p>
      </div>
    </Shell>
  );
}
