import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useT } from '../i18n/locale';
import { Hyphenated } from './hyphenation';

/**
 * A modal built on <dialog>.showModal(), which traps focus, closes on Escape and returns focus to where it was.
 * The parent owns `open`; every way of closing ends in `onClose`.
 */
export function Dialog(props: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  testId?: string;
  wide?: boolean;
}) {
  const { open, onClose, title, children, testId, wide } = props;
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const handleClose = () => onCloseRef.current();
    dialog.addEventListener('close', handleClose);
    return () => dialog.removeEventListener('close', handleClose);
  }, []);

  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog wide' : 'dialog'}
      aria-labelledby={titleId}
      data-testid={testId}
    >
      {open && (
        <>
          <div className="dialog-header">
            {/* Chromium keeps soft hyphens in a name taken from the content: the dialog's name is the plain title. */}
            <h2 id={titleId} aria-label={title}>
              <Hyphenated text={title} />
            </h2>
            <button type="button" className="button subtle" onClick={onClose}>
              {t('board.close')}
            </button>
          </div>
          {children}
        </>
      )}
    </dialog>
  );
}

/** Asks before a destructive action; focus starts on the harmless close button. */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  text: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
}) {
  const t = useT();
  return (
    <Dialog open={props.open} onClose={props.onCancel} title={props.title} testId={props.testId}>
      <p>{props.text}</p>
      <div className="button-row">
        <button type="button" className="button secondary" onClick={props.onCancel}>
          {t('board.cancel')}
        </button>
        <button type="button" className="button danger" onClick={props.onConfirm} data-testid="confirm">
          {props.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
