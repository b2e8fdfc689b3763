import { useId, useState } from 'react';
import { Link } from 'wouter';
import { ConfirmDialog } from '../app/Dialog';
import type { RememberedBoard } from '../app/deviceStorage';
import { useRememberedBoards } from '../app/rememberedBoards';
import { AwaitingCount } from '../async/AwaitingCount';
import { useT } from '../i18n/locale';

export function RememberedBoardList() {
  const t = useT();
  const id = useId();
  const boards = useRememberedBoards((s) => s.boards);
  const forget = useRememberedBoards((s) => s.forget);
  const [toForget, setToForget] = useState<RememberedBoard | null>(null);

  return (
    <section className="panel" aria-labelledby={`${id}-heading`} data-testid="remembered-boards">
      <h2 id={`${id}-heading`}>{t('landing.rememberedHeading')}</h2>
      {boards.length === 0 ? (
        <p className="hint">{t('landing.rememberedEmpty')}</p>
      ) : (
        <ul className="remembered-list">
          {boards.map((board) => (
            <li key={board.boardId} className="remembered-item">
              <div className="remembered-text">
                <span className="remembered-title">{board.title}</span>
                <span className="hint">
                  {t('landing.rememberedAs', { name: board.name, role: t(`role.${board.role}`) })}
                </span>
                <AwaitingCount board={board} />
              </div>
              <div className="remembered-actions">
                <Link href={`/b/${board.boardId}`} className="button secondary">
                  {t('landing.open')}
                </Link>
                <button
                  type="button"
                  className="button subtle"
                  aria-label={t('landing.forgetLabel', { title: board.title })}
                  onClick={() => setToForget(board)}
                >
                  {t('landing.forget')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={toForget !== null}
        title={t('landing.forget')}
        text={t('landing.forgetConfirm', { title: toForget?.title ?? '' })}
        confirmLabel={t('landing.forget')}
        onCancel={() => setToForget(null)}
        onConfirm={() => {
          if (toForget) forget(toForget.boardId);
          setToForget(null);
        }}
      />
    </section>
  );
}
