import { useState } from 'react';
import { useLocation } from 'wouter';
import { ApiError } from '../app/apiError';
import { ConfirmDialog } from '../app/Dialog';
import { errorMessageKey } from '../app/errorMessage';
import { useRememberedBoards } from '../app/rememberedBoards';
import { peopleApi } from '../facilitation/peopleApi';
import type { MessageKey } from '../i18n/catalogues';
import { useT } from '../i18n/locale';
import { useBoardContext } from '../sync/SessionContext';

/**
 * Anyone on the board: erase my personal data (DSGVO Art. 17). The name becomes a numbered pseudonym everywhere,
 * every device of mine loses access, the address and calendar feed go; what I contributed stays under the
 * pseudonym. Asked once more, since it cannot be undone; then the device forgets the board.
 */
export function EraseMyData() {
  const t = useT();
  const { boardId, token } = useBoardContext();
  const forget = useRememberedBoards((s) => s.forget);
  const [, navigate] = useLocation();
  const [asking, setAsking] = useState(false);
  const [refusal, setRefusal] = useState<MessageKey | null>(null);
  const erase = async () => {
    setAsking(false);
    setRefusal(null);
    try {
      await peopleApi.eraseMe(boardId, token);
    } catch (caught) {
      const lastFacilitator =
        caught instanceof ApiError && caught.failure.kind === 'http' && caught.failure.status === 409;
      setRefusal(lastFacilitator ? 'me.eraseLastFacilitator' : errorMessageKey(caught));
      return;
    }
    navigate('/');
    forget(boardId);
  };
  return (
    <section className="erase-my-data" aria-labelledby="erase-my-data-heading">
      <h3 id="erase-my-data-heading">{t('me.eraseHeading')}</h3>
      <p>{t('me.eraseText')}</p>
      {refusal && (
        <p className="alert" role="alert" data-testid="erase-me-refused">
          {t(refusal)}
        </p>
      )}
      <button type="button" className="button danger" onClick={() => setAsking(true)} data-testid="erase-me">
        {t('me.erase')}
      </button>
      <ConfirmDialog
        open={asking}
        title={t('me.eraseQuestion')}
        text={t('me.eraseText')}
        confirmLabel={t('me.eraseConfirm')}
        onCancel={() => setAsking(false)}
        onConfirm={() => void erase()}
        testId="erase-me-dialog"
      />
    </section>
  );
}
