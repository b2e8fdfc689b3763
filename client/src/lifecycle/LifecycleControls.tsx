import { useEffect, useState } from 'react';
import { Dialog } from '../app/Dialog';
import { BoardArchiveButton } from '../boardArchive/BoardArchiveButton';
import { useT } from '../i18n/locale';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { lifecycleApi } from './lifecycleApi';
import { useLifecycleAction } from './useLifecycleAction';
import './lifecycle.css';

const DEFAULT_GRACE_DAYS = 30;

/**
 * The facilitator's part of the board's lifecycle, in the facilitation area: archive or end the archiving, and
 * delete (after a confirmation that says how long it can be undone, who is told, and what to download first).
 * Undoing a deletion is on the banner every device shows.
 */
export function LifecycleControls() {
  const t = useT();
  const lifecycle = useBoard((s) => s.lifecycle);
  const { busy, error, run } = useLifecycleAction();
  const [asking, setAsking] = useState(false);
  const archived = lifecycle?.archivedAt != null;
  const deletionPending = lifecycle?.deleteAfter != null;
  return (
    <section className="lifecycle-controls" data-testid="lifecycle-controls">
      <h3>{t('lifecycle.heading')}</h3>
      <p className="hint">{t('lifecycle.archiveHint')}</p>
      <div className="button-row">
        <button
          type="button"
          className="button secondary"
          aria-disabled={busy}
          onClick={() => void run(archived ? 'unarchive' : 'archive')}
          data-testid={archived ? 'unarchive-board' : 'archive-board'}
        >
          {archived ? t('lifecycle.unarchive') : t('lifecycle.archive')}
        </button>
        {!deletionPending && (
          <button
            type="button"
            className="button danger"
            onClick={() => setAsking(true)}
            data-testid="delete-board"
          >
            {t('lifecycle.delete')}
          </button>
        )}
      </div>
      {error && (
        <p className="alert" role="alert">
          {t(error)}
        </p>
      )}
      <DeleteDialog
        open={asking}
        onCancel={() => setAsking(false)}
        onConfirm={async () => {
          if (await run('scheduleDeletion')) setAsking(false);
        }}
        busy={busy}
      />
    </section>
  );
}

function DeleteDialog(props: {
  open: boolean;
  busy: boolean;
  onConfirm: () => Promise<void>;
  onCancel: () => void;
}) {
  const t = useT();
  const { boardId, token } = useBoardContext();
  const days = useGraceDays(props.open, boardId, token);
  return (
    <Dialog
      open={props.open}
      onClose={props.onCancel}
      title={t('lifecycle.deleteTitle')}
      testId="delete-dialog"
    >
      <p>{t('lifecycle.deleteText', { days })}</p>
      <p>{t('lifecycle.deleteWho')}</p>
      <p>{t('lifecycle.deleteDownload')}</p>
      <BoardArchiveButton />
      <div className="button-row">
        <button type="button" className="button secondary" onClick={props.onCancel}>
          {t('board.cancel')}
        </button>
        <button
          type="button"
          className="button danger"
          aria-disabled={props.busy}
          onClick={() => void props.onConfirm()}
          data-testid="confirm-delete"
        >
          {t('lifecycle.deleteConfirm', { days })}
        </button>
      </div>
    </Dialog>
  );
}

/** The server's BOARD_DELETION_GRACE_DAYS, read when the dialog opens; 30 (the default) until it is known. */
function useGraceDays(open: boolean, boardId: string, token: string): number {
  const [days, setDays] = useState(DEFAULT_GRACE_DAYS);
  useEffect(() => {
    if (!open) return;
    let current = true;
    lifecycleApi.get(boardId, token).then(
      (answer) => {
        if (current) setDays(answer.deletionGraceDays);
      },
      // Without the answer the default stands: the server's date shows on the banner once it is deleted.
      () => {},
    );
    return () => {
      current = false;
    };
  }, [open, boardId, token]);
  return days;
}
