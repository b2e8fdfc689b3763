import type { AsOfGoal } from '@common-ground/shared/api';
import { useState } from 'react';
import { ConfirmDialog } from '../app/Dialog';
import type { MessageKey } from '../i18n/catalogues';
import { useLocale, useT } from '../i18n/locale';
import { formatDateTime } from '../rounds/format';
import { useBoardContext } from '../sync/SessionContext';
import { restoreBoard, restoreErrorKey } from './restoreApi';

type Outcome = { kind: 'done'; count: number } | { kind: 'error'; key: MessageKey };

/**
 * The facilitator's undo of vandalism on the "as it was" page: the whole board (no `goal`) or one goal back to
 * `at`. Asks first (the dialog returns focus to this button); the outcome is announced next to it. Renders
 * nothing for anyone else: the server refuses them too.
 */
export function RestoreButton({ at, goal }: { at: number; goal?: AsOfGoal }) {
  const t = useT();
  const locale = useLocale();
  const { boardId, token, role } = useBoardContext();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  if (role !== 'facilitator') return null;

  const date = formatDateTime(at, locale);
  const title = goal ? goal.title.trim() || t('goal.untitled') : '';
  const run = async () => {
    setAsking(false);
    setBusy(true);
    setOutcome(null);
    try {
      const { restoredGoals } = await restoreBoard(boardId, token, goal ? { at, goalId: goal.id } : { at });
      setOutcome({ kind: 'done', count: restoredGoals });
    } catch (error) {
      setOutcome({ kind: 'error', key: restoreErrorKey(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="restore">
      <button
        type="button"
        className={goal ? 'button subtle' : 'button secondary'}
        disabled={busy}
        onClick={() => setAsking(true)}
        data-testid={goal ? 'restore-goal' : 'restore-board'}
      >
        {t(goal ? 'restore.goal' : 'restore.board')}
        {goal && <span className="visually-hidden">: {title}</span>}
      </button>
      {outcome?.kind === 'done' && (
        <p role="status" className="hint" data-testid="restore-done">
          {outcome.count === 0 ? t('restore.unchanged') : t('restore.done', { count: outcome.count })}
        </p>
      )}
      {outcome?.kind === 'error' && (
        <p role="alert" className="alert" data-testid="restore-error">
          {t(outcome.key)}
        </p>
      )}
      <ConfirmDialog
        open={asking}
        title={t(goal ? 'restore.goalHeading' : 'restore.boardHeading')}
        text={goal ? t('restore.goalText', { title, date }) : t('restore.boardText', { date })}
        confirmLabel={t('restore.confirm')}
        onCancel={() => setAsking(false)}
        onConfirm={() => void run()}
        testId="restore-dialog"
      />
    </div>
  );
}
