import type { Role } from '@common-ground/shared';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { Link } from 'wouter';
import { ApiError, api, roundsApi } from '../app/api';
import type { RememberedBoard } from '../app/deviceStorage';
import { useRememberedBoards } from '../app/rememberedBoards';
import { Shell } from '../app/Shell';
import { useT } from '../i18n/locale';
import { BoardContext, type BoardContextValue } from '../sync/SessionContext';
import { type BoardSession, openBoardSession } from '../sync/session';
import { BoardView } from './BoardView';
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

/**
 * Opens the live session with the token this device remembers, and checks it with the API in parallel: the
 * board shows at once (also offline), and a token the server no longer accepts closes it with an explanation.
 */
function BoardSessionHost({ board, children }: { board: RememberedBoard; children?: ReactNode }) {
  const { boardId, token, participantId } = board;
  const [session, setSession] = useState<BoardSession | null>(null);
  const [role, setRole] = useState<Role>(board.role);
  const [lostAccess, setLostAccess] = useState(false);

  useEffect(() => {
    const opened = openBoardSession({
      boardId,
      participantId,
      token,
      loadRounds: () => roundsApi.list(boardId, token),
    });
    setSession(opened);
    let active = true;
    api.getBoard(boardId, token).then(
      (info) => {
        if (!active) return;
        opened.seedRecord({ partners: info.partners, participants: info.participants });
        setRole(info.me.role);
      },
      (error: unknown) => {
        const status = error instanceof ApiError && error.failure.kind === 'http' ? error.failure.status : 0;
        if (active && (status === 401 || status === 403 || status === 404)) setLostAccess(true);
      },
    );
    return () => {
      active = false;
      opened.destroy();
      setSession(null);
    };
  }, [boardId, participantId, token]);

  const context = useMemo<BoardContextValue | null>(
    () => (session ? { session, boardId, token, role } : null),
    [session, boardId, token, role],
  );
  if (lostAccess) return <NoAccess lostAccess />;
  if (!context) return null;
  return (
    <BoardContext.Provider value={context}>
      {children ?? <BoardView rememberedTitle={board.title} />}
    </BoardContext.Provider>
  );
}
