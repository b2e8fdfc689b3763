import type { InviteInfoResponse } from '@common-ground/shared/api';
import { Limits } from '@common-ground/shared/protocol';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { errorMessageKey } from '../app/errorMessage';
import { withApi } from '../app/lazyApi';
import { useRememberedBoards } from '../app/rememberedBoards';
import type { MessageKey } from '../i18n/catalogues';
import { useT } from '../i18n/locale';
import { type JoinErrors, type JoinField, validateJoin } from './joinValidation';
import { PartnerChoice } from './PartnerChoice';

export function JoinForm({ code, invite }: { code: string; invite: InviteInfoResponse }) {
  const t = useT();
  const id = useId();
  const [, navigate] = useLocation();
  const remember = useRememberedBoards((s) => s.remember);
  const [name, setName] = useState('');
  const [partnerChoice, setPartnerChoice] = useState(invite.partners.length === 0 ? 'new' : '');
  const [newPartnerName, setNewPartnerName] = useState('');
  const [newPartnerKind, setNewPartnerKind] = useState('');
  const [errors, setErrors] = useState<JoinErrors>({});
  const [serverError, setServerError] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [showSummary, setShowSummary] = useState(0);

  const fieldId = (field: JoinField) => `${id}-${field}`;

  useEffect(() => {
    if (showSummary > 0) summaryRef.current?.focus();
  }, [showSummary]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = validateJoin(
      { name, partnerChoice, newPartnerName, newPartnerKind },
      invite.role,
      invite.partner !== null,
    );
    setErrors(result.errors);
    setServerError(null);
    if (Object.keys(result.errors).length > 0) {
      setShowSummary((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const joined = await withApi(({ api }) =>
        api.join({ code, name: name.trim(), ...(result.partner ?? {}) }),
      );
      remember({
        boardId: joined.boardId,
        title: invite.boardTitle,
        participantId: joined.participantId,
        token: joined.token,
        role: joined.role,
        name: name.trim(),
      });
      navigate(`/b/${joined.boardId}`);
    } catch (caught) {
      setServerError(errorMessageKey(caught));
      setBusy(false);
      setShowSummary((n) => n + 1);
    }
  };

  const errorEntries = Object.entries(errors) as [JoinField, MessageKey][];

  return (
    <form onSubmit={submit} noValidate data-testid="join-form">
      {(errorEntries.length > 0 || serverError) && (
        <div className="alert" role="alert" tabIndex={-1} ref={summaryRef} data-testid="join-errors">
          {serverError ? (
            <p>{t(serverError)}</p>
          ) : (
            <>
              <p>
                <strong>{t('join.errorSummary')}</strong>
              </p>
              <ul>
                {errorEntries.map(([field, message]) => (
                  <li key={field}>
                    <a href={`#${fieldId(field)}`}>{t(message)}</a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <div className="field">
        <label htmlFor={fieldId('name')}>{t('join.yourName')}</label>
        <span className="hint" id={`${id}-name-hint`}>
          {t('join.yourNameHint')}
        </span>
        {errors.name && <span className="field-error">{t(errors.name)}</span>}
        <input
          id={fieldId('name')}
          type="text"
          autoComplete="name"
          maxLength={Limits.maxNameChars}
          dir="auto"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={`${id}-name-hint`}
          data-testid="join-name"
        />
      </div>
      {invite.partner && (
        <p className="alert info" data-testid="join-org-fixed">
          {t('join.orgFixed', { partner: invite.partner.name })}
        </p>
      )}
      {invite.role === 'partner' && !invite.partner && (
        <PartnerChoice
          idPrefix={id}
          partners={invite.partners}
          choice={partnerChoice}
          onChoice={setPartnerChoice}
          newName={newPartnerName}
          onNewName={setNewPartnerName}
          newKind={newPartnerKind}
          onNewKind={setNewPartnerKind}
          errors={errors}
          fieldId={fieldId}
        />
      )}
      <button type="submit" className="button" disabled={busy} data-testid="join-submit">
        {busy ? t('join.submitting') : t('join.submit')}
      </button>
    </form>
  );
}
