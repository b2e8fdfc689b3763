import { type ArchivePreview, previewArchive } from '@common-ground/shared/api';
import { type ChangeEvent, type FormEvent, useEffect, useId, useState } from 'react';
import { useLocation } from 'wouter';
import { ApiError } from '../app/apiError';
import { errorMessageKey } from '../app/errorMessage';
import { Field } from '../app/Field';
import { withApi } from '../app/lazyApi';
import { leanApi } from '../app/leanApi';
import { useRememberedBoards } from '../app/rememberedBoards';
import type { MessageKey } from '../i18n/catalogues';
import { useLocale, useT } from '../i18n/locale';

/** The plain-words reason an import was refused; the server stored nothing in every case. */
function importErrorKey(error: unknown): MessageKey {
  if (error instanceof ApiError && error.failure.kind === 'http') {
    switch (error.failure.code) {
      case 'archive_checksum':
        return 'archive.damaged';
      case 'archive_inconsistent':
        return 'archive.inconsistent';
      case 'archive_version':
        return 'archive.version';
      case 'archive_invalid':
        return 'archive.notArchive';
      case 'board_exists':
        return 'archive.exists';
      case 'too_large':
        return 'archive.tooLarge';
    }
  }
  return errorMessageKey(error);
}

/**
 * "Board aus Archiv importieren": a board archive downloaded on another server becomes a board here. The file is
 * read on this device first, so the person can say which of its facilitators they are before it is sent.
 */
export function ImportBoardForm() {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const [, navigate] = useLocation();
  const remember = useRememberedBoards((s) => s.remember);
  const [archive, setArchive] = useState<{ value: unknown; preview: ArchivePreview } | null>(null);
  const [facilitator, setFacilitator] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);
  const [keyRequired, setKeyRequired] = useState(false);
  const [createKey, setCreateKey] = useState('');

  useEffect(() => {
    let current = true;
    leanApi.config().then(
      (config) => {
        if (current) setKeyRequired(config.boardCreateKeyRequired);
      },
      () => {},
    );
    return () => {
      current = false;
    };
  }, []);

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    setArchive(null);
    setError(null);
    const file = event.target.files?.[0];
    if (!file) return;
    let value: unknown = null;
    try {
      value = JSON.parse(await file.text());
    } catch {
      // Not JSON: the same answer as any other file that is no archive.
    }
    const preview = previewArchive(value);
    if (!preview) {
      setError('archive.notArchive');
      return;
    }
    if (preview.facilitators.length === 0) {
      setError('archive.noFacilitator');
      return;
    }
    setArchive({ value, preview });
    setFacilitator(preview.facilitators[0]?.id ?? '');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!archive || !facilitator || busy) return;
    setBusy(true);
    setError(null);
    try {
      const imported = await withApi(({ api }) =>
        api.importBoard(archive.value, facilitator, keyRequired ? createKey : undefined),
      );
      const me = archive.preview.facilitators.find((f) => f.id === facilitator);
      remember({
        boardId: imported.boardId,
        title: archive.preview.title,
        participantId: imported.participantId,
        token: imported.token,
        role: 'facilitator',
        name: me?.name ?? t('role.facilitator'),
      });
      navigate(`/b/${imported.boardId}`);
    } catch (caught) {
      if (
        caught instanceof ApiError &&
        caught.failure.kind === 'http' &&
        caught.failure.code === 'create_key_invalid'
      ) {
        setKeyRequired(true);
      }
      setError(importErrorKey(caught));
      setBusy(false);
    }
  };

  const preview = archive?.preview;
  return (
    <section className="panel import-board" aria-labelledby={`${id}-heading`} data-testid="import-board">
      <h2 id={`${id}-heading`}>{t('archive.importHeading')}</h2>
      <p className="hint">{t('archive.importHint')}</p>
      {error && (
        <div className="alert" role="alert" data-testid="import-board-error">
          {t(error)}
        </div>
      )}
      <form onSubmit={submit}>
        <Field id={`${id}-file`} label={t('archive.file')}>
          <input
            id={`${id}-file`}
            type="file"
            accept=".json,application/json"
            onChange={(e) => void choose(e)}
            data-testid="import-board-file"
          />
        </Field>
        {preview && (
          <>
            <p data-testid="import-board-preview">
              {t('archive.preview', {
                title: preview.title,
                date: new Date(preview.exportedAt).toLocaleDateString(locale),
                source: preview.source,
              })}
            </p>
            <Field id={`${id}-who`} label={t('archive.whoAreYou')}>
              <select
                id={`${id}-who`}
                value={facilitator}
                onChange={(e) => setFacilitator(e.target.value)}
                data-testid="import-board-facilitator"
              >
                {preview.facilitators.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name}
                  </option>
                ))}
              </select>
            </Field>
            {keyRequired && (
              <Field id={`${id}-key`} label={t('landing.createKey')} hint={t('landing.createKeyHint')}>
                <input
                  id={`${id}-key`}
                  type="password"
                  required
                  autoComplete="off"
                  value={createKey}
                  onChange={(e) => setCreateKey(e.target.value)}
                  aria-describedby={`${id}-key-hint`}
                />
              </Field>
            )}
            <button type="submit" className="button" aria-disabled={busy} data-testid="import-board-submit">
              {busy ? t('archive.importing') : t('archive.import')}
            </button>
          </>
        )}
      </form>
    </section>
  );
}
