import { useEffect, useState } from 'react';
import { Dialog } from '../app/Dialog';
import { errorMessageKey } from '../app/errorMessage';
import type { MessageKey } from '../i18n/catalogues';
import { useT } from '../i18n/locale';
import { MyDataButton } from '../myData/MyDataButton';
import { useBoardContext } from '../sync/SessionContext';
import { BoardPrivacyNote, PrivacyLinks, PrivacySummary, PrivacyText } from './PrivacyNotice';
import { privacyApi } from './privacyApi';
import { usePrivacyInfo } from './usePrivacyInfo';
import './privacy.css';

/**
 * The board's one unobtrusive place for the privacy notice, the imprint and the accessibility statement: a line
 * at its end. "Datenschutz" opens the whole notice with the facilitator's note, as the join page showed it.
 */
export function PrivacyFooter() {
  const t = useT();
  const info = usePrivacyInfo();
  const [open, setOpen] = useState(false);
  return (
    <footer className="board-footer" data-testid="board-footer">
      <button
        type="button"
        className="button subtle"
        onClick={() => setOpen(true)}
        data-testid="privacy-open"
      >
        {t('privacy.footer')}
      </button>
      <MyDataButton />
      {info && <PrivacyLinks info={info} />}
      <Dialog open={open} onClose={() => setOpen(false)} title={t('privacy.heading')} testId="privacy-dialog">
        {info && <PrivacySummary info={info} />}
        {info && <PrivacyText info={info} level={2} />}
        {open && <BoardNote />}
      </Dialog>
    </footer>
  );
}

/** The note as it is now (read when the dialog opens: the facilitator may have changed it meanwhile). */
function BoardNote() {
  const t = useT();
  const { boardId, token } = useBoardContext();
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<MessageKey | null>(null);
  useEffect(() => {
    let current = true;
    privacyApi.note(boardId, token).then(
      (read) => {
        if (current) setNote(read.text);
      },
      (caught: unknown) => {
        if (current) setError(errorMessageKey(caught));
      },
    );
    return () => {
      current = false;
    };
  }, [boardId, token]);
  if (error) return <p className="hint">{t(error)}</p>;
  return note ? <BoardPrivacyNote text={note} level={2} /> : null;
}
