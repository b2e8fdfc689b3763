import type { RetentionStatusResponse } from '@common-ground/shared/api';
import { useEffect, useState } from 'react';
import { useLocale, useT } from '../i18n/locale';
import { useBoardContext } from '../sync/SessionContext';
import { retentionApi } from './retentionApi';

/**
 * Facilitators: what the operator's retention periods mean for this board now — that it has been idle for long
 * (archive it?) and that people will be pseudonymised for inactivity (listed with their dates under "Personen").
 * Nothing is shown while neither applies; a failed read shows nothing either (the mails still go out).
 */
export function RetentionNotice() {
  const t = useT();
  const locale = useLocale();
  const { boardId, token } = useBoardContext();
  const [status, setStatus] = useState<RetentionStatusResponse | null>(null);
  useEffect(() => {
    let active = true;
    retentionApi.status(boardId, token).then(
      (answer) => {
        if (active) setStatus(answer);
      },
      () => {},
    );
    return () => {
      active = false;
    };
  }, [boardId, token]);
  if (!status || (status.idleSince === null && status.erasures.length === 0)) return null;
  const date = (ms: number) => new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(ms);
  return (
    <div className="alert warning retention-notice" role="status" data-testid="retention-notice">
      {status.idleSince !== null && <p>{t('retention.idle', { date: date(status.idleSince) })}</p>}
      {status.erasures.length > 0 && <p>{t('retention.warned', { count: status.erasures.length })}</p>}
    </div>
  );
}
