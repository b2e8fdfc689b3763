import { Limits } from '@common-ground/shared/protocol';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useLocation } from 'wouter';
import { ApiError } from '../app/apiError';
import { errorMessageKey } from '../app/errorMessage';
import { Field } from '../app/Field';
import { withApi } from '../app/lazyApi';
import { leanApi } from '../app/leanApi';
import { useRememberedBoards } from '../app/rememberedBoards';
import type { MessageKey } from '../i18n/catalogues';
import { useT } from '../i18n/locale';
import { PrivacyNotice } from '../privacy/PrivacyNotice';

export function CreateBoardForm() {
  const t = useT();
  const id = useId();
  const [, navigate] = useLocation();
  const remember = useRememberedBoards((s) => s.remember);
  const [title, setTitle] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);
  // Shown only when the server requires a creation key (an operator's choice for a public server).
  const [keyRequired, setKeyRequired] = useState(false);
  const [createKey, setCreateKey] = useState('');

  useEffect(() => {
    let current = true;
    leanApi.config().then(
      (config) => {
        if (current) setKeyRequired(config.boardCreateKeyRequired);
      },
      // Unreadable now (offline): the field appears if creating is refused for want of the key.
      () => {},
    );
    return () => {
      current = false;
    };
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const boardTitle = title.trim();
    if (!boardTitle) return;
    setBusy(true);
    setError(null);
    try {
      const created = await withApi(({ api }) =>
        api.createBoard(boardTitle, name.trim() || undefined, keyRequired ? createKey : undefined),
      );
      remember({
        boardId: created.boardId,
        title: boardTitle,
        participantId: created.participantId,
        token: created.token,
        role: 'facilitator',
        name: name.trim() || t('role.facilitator'),
      });
      navigate(`/b/${created.boardId}`);
    } catch (caught) {
      if (
        caught instanceof ApiError &&
        caught.failure.kind === 'http' &&
        caught.failure.code === 'create_key_invalid'
      ) {
        setKeyRequired(true);
      }
      setError(errorMessageKey(caught));
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('landing.createHeading')}</h2>
      <p className="hint">{t('landing.createHint')}</p>
      {error && (
        <div className="alert" role="alert">
          {t(error)}
        </div>
      )}
      {/* Whoever creates a board gives a name too: the notice comes before the form. */}
      <PrivacyNotice level={3} />
      <form onSubmit={submit} data-testid="create-board-form">
        <Field id={`${id}-title`} label={t('landing.boardTitle')} hint={t('landing.boardTitleHint')}>
          <input
            id={`${id}-title`}
            type="text"
            required
            maxLength={Limits.maxTitleChars}
            dir="auto"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            aria-describedby={`${id}-title-hint`}
            data-testid="board-title-input"
          />
        </Field>
        <Field id={`${id}-name`} label={t('landing.yourName')} hint={t('landing.yourNameHint')}>
          <input
            id={`${id}-name`}
            type="text"
            autoComplete="name"
            maxLength={Limits.maxNameChars}
            dir="auto"
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-describedby={`${id}-name-hint`}
            data-testid="your-name-input"
          />
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
              data-testid="create-key-input"
            />
          </Field>
        )}
        <button type="submit" className="button" disabled={busy} data-testid="create-board">
          {busy ? t('landing.creating') : t('landing.create')}
        </button>
      </form>
    </section>
  );
}
