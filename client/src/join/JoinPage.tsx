import type { InviteInfoResponse } from '@common-ground/shared/api';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'wouter';
import { ApiError } from '../app/apiError';
import { errorMessageKey } from '../app/errorMessage';
import { leanApi } from '../app/leanApi';
import { useRememberedBoards } from '../app/rememberedBoards';
import { Shell } from '../app/Shell';
import type { MessageKey } from '../i18n/catalogues';
import { useT } from '../i18n/locale';
import { PrivacyNotice } from '../privacy/PrivacyNotice';
import { preloadPrivacyInfo } from '../privacy/usePrivacyInfo';
import { JoinForm } from './JoinForm';
import './join.css';

type InviteState =
  | { kind: 'loading' }
  | { kind: 'error'; message: MessageKey }
  | { kind: 'ready'; invite: InviteInfoResponse };

function inviteErrorKey(error: unknown): MessageKey {
  if (error instanceof ApiError && error.failure.kind === 'http' && error.failure.status === 404) {
    return 'error.inviteUnknown';
  }
  return errorMessageKey(error);
}

export function JoinPage({ code }: { code: string }) {
  const t = useT();
  const [state, setState] = useState<InviteState>({ kind: 'loading' });
  const known = useRememberedBoards((s) =>
    state.kind === 'ready' ? s.boards.find((b) => b.boardId === state.invite.boardId) : undefined,
  );

  const load = useCallback(() => {
    setState({ kind: 'loading' });
    // Beside the invite, not after it: the notice above the name field needs both.
    preloadPrivacyInfo().catch(() => {});
    leanApi.getInvite(code.toUpperCase()).then(
      (invite) => setState({ kind: 'ready', invite }),
      (error: unknown) => setState({ kind: 'error', message: inviteErrorKey(error) }),
    );
  }, [code]);
  useEffect(load, [load]);

  return (
    <Shell>
      <div className="page narrow join" data-testid="join">
        {state.kind === 'loading' && <p role="status">{t('join.loading')}</p>}
        {state.kind === 'error' && (
          <div data-testid="join-error">
            <h1>{t('join.errorHeading')}</h1>
            <div className="alert" role="alert">
              <p>{t(state.message)}</p>
              <div className="button-row">
                {state.message === 'error.network' && (
                  <button type="button" className="button" onClick={load}>
                    {t('error.retry')}
                  </button>
                )}
                <Link href="/" className="button secondary">
                  {t('error.toStart')}
                </Link>
              </div>
            </div>
          </div>
        )}
        {state.kind === 'ready' && (
          <>
            <h1>{t('join.heading', { title: state.invite.boardTitle })}</h1>
            <p className="join-role">
              <strong>{t('join.roleIs', { role: t(`role.${state.invite.role}`) })}</strong>
              <br />
              {t(`join.roleHint.${state.invite.role}`)}
            </p>
            {known && (
              <div className="alert info">
                <p>{t('join.alreadyMember')}</p>
                <Link href={`/b/${known.boardId}`} className="button secondary">
                  {t('join.openBoard')}
                </Link>
              </div>
            )}
            {/* Before the name is asked (DSGVO Art. 13): who is responsible, what is stored, why, how long. */}
            <PrivacyNotice boardNote={state.invite.privacyNote} />
            <JoinForm code={code.toUpperCase()} invite={state.invite} />
          </>
        )}
      </div>
    </Shell>
  );
}
