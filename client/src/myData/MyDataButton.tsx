import { useEffect, useState } from 'react';
import { DialogButton } from '../app/DialogButton';
import { errorMessageKey } from '../app/errorMessage';
import type { MessageKey } from '../i18n/catalogues';
import { useLocale, useT } from '../i18n/locale';
import { useBoardContext } from '../sync/SessionContext';
import { EraseMyData } from './EraseMyData';
import { myDataApi } from './myDataApi';
import './myData.css';

/**
 * Anyone on the board: everything it stores about them (DSGVO Art. 15), as a JSON file and as a readable page,
 * and the erasure of it (Art. 17).
 * Beside the privacy notice, which tells people of this right.
 */
export function MyDataButton() {
  const t = useT();
  return (
    <DialogButton
      label={t('myData.button')}
      title={t('myData.heading')}
      testId="my-data-open"
      dialogTestId="my-data-dialog"
      className="button subtle"
    >
      {() => <MyDataFiles />}
    </DialogButton>
  );
}

interface Files {
  readonly json: string;
  readonly readable: string;
}

/**
 * Both files are fetched when the dialog opens (the token goes in a header, so a plain link cannot fetch them)
 * and offered as blob URLs, revoked when it closes; the readable one again when the language changes.
 */
function MyDataFiles() {
  const t = useT();
  const locale = useLocale();
  const { boardId, token } = useBoardContext();
  const [files, setFiles] = useState<Files | null>(null);
  const [error, setError] = useState<MessageKey | null>(null);
  useEffect(() => {
    let active = true;
    const created: string[] = [];
    setFiles(null);
    setError(null);
    Promise.all([myDataApi.json(boardId, token), myDataApi.readable(boardId, token, locale)]).then(
      ([json, readable]) => {
        if (!active) return;
        const urls = { json: URL.createObjectURL(json), readable: URL.createObjectURL(readable) };
        created.push(urls.json, urls.readable);
        setFiles(urls);
      },
      (caught: unknown) => {
        if (active) setError(errorMessageKey(caught));
      },
    );
    return () => {
      active = false;
      for (const url of created) URL.revokeObjectURL(url);
    };
  }, [boardId, token, locale]);

  return (
    <div className="my-data">
      <p>{t('myData.intro')}</p>
      <p className="hint">{t('myData.hint')}</p>
      {error && (
        <p className="alert" role="alert">
          {t(error)}
        </p>
      )}
      {!files && !error && (
        <p className="hint" role="status">
          {t('myData.preparing')}
        </p>
      )}
      {files && (
        <div className="button-row my-data-actions">
          <a
            className="button"
            href={files.readable}
            target="_blank"
            rel="noopener"
            data-testid="my-data-readable"
          >
            {t('myData.readable')}
          </a>
          <a
            className="button secondary"
            href={files.json}
            download={`meine-daten-${boardId}.json`}
            data-testid="my-data-json"
          >
            {t('myData.json')}
          </a>
        </div>
      )}
      <EraseMyData />
    </div>
  );
}
