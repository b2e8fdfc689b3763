import { useCallback, useEffect, useState } from 'react';
import type { MessageKey } from '../i18n/catalogues';
import { useT } from '../i18n/locale';
import { useBoard, useBoardContext } from '../sync/SessionContext';

/** Ctrl/Cmd+Z belongs to a text field while one has focus: its own undo takes back typing. */
function inTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select, [contenteditable]') !== null;
}

/**
 * "Rückgängig" and "Wiederholen" for this person's own moves and stage changes (sync/moveUndo.ts), also on
 * Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z outside text fields. The buttons stay focusable when there is nothing to do
 * (aria-disabled), and what happened is announced.
 */
export function UndoButtons() {
  const t = useT();
  const { session } = useBoardContext();
  const { canUndo, canRedo } = useBoard((s) => s.history);
  // The counter makes a repeated message a new one, so screen readers announce it again.
  const [said, setSaid] = useState<{ key: MessageKey; n: number } | null>(null);

  const act = useCallback(
    (which: 'undo' | 'redo') => {
      const done = which === 'undo' ? session.undo() : session.redo();
      const key: MessageKey = done ? `${which}.done` : `${which}.nothing`;
      setSaid((last) => ({ key, n: (last?.n ?? 0) + 1 }));
    },
    [session],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'z' || !(event.ctrlKey || event.metaKey) || event.altKey) return;
      if (event.defaultPrevented || inTextField(event.target)) return;
      event.preventDefault();
      act(event.shiftKey ? 'redo' : 'undo');
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [act]);

  return (
    <div className="undo-buttons">
      <button
        type="button"
        className="button secondary"
        aria-disabled={!canUndo}
        title={t('undo.hint')}
        onClick={() => act('undo')}
        data-testid="undo"
      >
        {t('undo.label')}
      </button>
      <button
        type="button"
        className="button secondary"
        aria-disabled={!canRedo}
        title={t('redo.hint')}
        onClick={() => act('redo')}
        data-testid="redo"
      >
        {t('redo.label')}
      </button>
      <p className="visually-hidden" role="status" data-testid="undo-status">
        {said && `${t(said.key)}${said.n % 2 ? '' : '\u00a0'}`}
      </p>
    </div>
  );
}
