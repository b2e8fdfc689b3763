import { useId, useState } from 'react';
import { send } from '../app/request';
import { useT } from '../i18n/locale';
import { useBoardContext } from '../sync/SessionContext';
import './boardArchive.css';

/**
 * "Board-Archiv herunterladen": the whole board in one file, to move it to another server or keep it before a
 * deletion. The archive needs the token in a header, so it is fetched and handed to the browser as a download.
 */
export function BoardArchiveButton() {
  const t = useT();
  const { boardId, token } = useBoardContext();
  const hintId = useId();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  const download = async () => {
    if (busy) return;
    setBusy(true);
    setFailed(false);
    try {
      const response = await send(`/api/boards/${encodeURIComponent(boardId)}/archive`, { token });
      const blob = await response.blob();
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1];
      const url = URL.createObjectURL(new Blob([blob], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = name ?? `board-${boardId}.json`;
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
      // The download has started from the URL by now; a minute is ample for slow devices before it is freed.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="board-archive-download">
      {/* Never disabled while it works (a disabled button drops the keyboard focus): a second click waits. */}
      <button
        type="button"
        className="button secondary"
        aria-disabled={busy}
        aria-describedby={hintId}
        onClick={() => void download()}
        data-testid="board-archive-download"
      >
        {busy ? t('archive.downloading') : t('archive.download')}
      </button>
      <p className="hint" id={hintId}>
        {t('archive.downloadHint')}
      </p>
      {failed && (
        <p className="alert" role="alert">
          {t('archive.downloadFailed')}
        </p>
      )}
    </div>
  );
}
