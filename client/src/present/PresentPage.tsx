import type { Role } from '@common-ground/shared';
import { useEffect, useMemo, useState } from 'react';
import { api, roundsApi } from '../app/api';
import type { RememberedBoard } from '../app/deviceStorage';
import { useRememberedBoards } from '../app/rememberedBoards';
import { useT } from '../i18n/locale';
import { BoardContext, type BoardContextValue } from '../sync/SessionContext';
import { type BoardSession, openBoardSession } from '../sync/session';
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
  const { boardId, token, participantId } = board;
  const [session, setSession] = useState<BoardSession | null>(null);
  const [role, setRole] = useState<Role>(board.role);

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
      () => {
        // The live record brings partners and participants as well; the projector just waits for it.
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
  if (!context) return null;
  return (
    <BoardContext.Provider value={context}>
      <PresentView rememberedTitle={board.title} />
    </BoardContext.Provider>
  );
}
