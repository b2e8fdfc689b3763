import { DeviceCodeSchema } from '@common-ground/shared/api';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { ApiError } from '../app/apiError';
import { errorMessageKey } from '../app/errorMessage';
import { useRememberedBoards } from '../app/rememberedBoards';
import { Shell } from '../app/Shell';
import type { MessageKey } from '../i18n/catalogues';
import { useT } from '../i18n/locale';
import { peopleApi } from './peopleApi';

/** Why a link did not work, in words that say what to do next. */
function failureKey(error: unknown): MessageKey {
  if (error instanceof ApiError && error.failure.kind === 'http') {
    if (error.failure.code === 'link_used') return 'device.used';
    if (error.failure.code === 'link_expired') return 'device.expired';
    if (error.failure.status === 404 || error.failure.status === 400) return 'device.unknown';
  }
  return errorMessageKey(error);
}

/**
 * Opened from a device or re-entry link (`/device#<code>`): uses the code once, remembers the board with this
 * device's own token and opens it. The code is read from the fragment and then removed from the address, so it
 * stays out of the history of this browser.
 */
export function DevicePage() {
  const t = useT();
  const [, navigate] = useLocation();
  const remember = useRememberedBoards((s) => s.remember);
  const [failure, setFailure] = useState<MessageKey | null>(null);
  const started = useRef(false);

  useEffect(() => {
    // Once: a code works a single time, and React may run effects twice in development.
    if (started.current) return;
    started.current = true;
    const code = location.hash.slice(1);
    history.replaceState(null, '', '/device');
    if (!DeviceCodeSchema.safeParse(code).success) {
      setFailure('device.unknown');
      return;
    }
    peopleApi.redeem(code).then(
      (access) => {
        remember({
          boardId: access.boardId,
          title: access.boardTitle,
          participantId: access.participantId,
          token: access.token,
          role: access.role,
          name: access.name,
        });
        navigate(`/b/${access.boardId}`, { replace: true });
      },
      (error: unknown) => setFailure(failureKey(error)),
    );
  }, [navigate, remember]);

  return (
    <Shell>
      <div className="page narrow" data-testid="device-page">
        <h1>{t('device.pageHeading')}</h1>
        {failure ? (
          <>
            <p className="alert" role="alert" data-testid="device-failure">
              {t(failure)}
            </p>
            <Link href="/" className="button">
              {t('error.toStart')}
            </Link>
          </>
        ) : (
          <p role="status">{t('device.opening')}</p>
        )}
      </div>
    </Shell>
  );
}
