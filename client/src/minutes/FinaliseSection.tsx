import type { MinutesResponse } from '@common-ground/shared/api';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/locale';
import type { MinutesEdit } from './edit';
import { minutesApi } from './minutesApi';

/** "Protokoll abschließen", asked once more in words: final minutes are frozen for good. */
export function FinaliseSection({ minutes, edit }: { minutes: MinutesResponse; edit: MinutesEdit }) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);
  const finaliseRef = useRef<HTMLButtonElement>(null);
  // The question takes focus on its harmless answer; "not yet" returns it to the button that asked.
  const asked = useRef(false);
  useEffect(() => {
    if (asking) keepRef.current?.focus();
    else if (asked.current) finaliseRef.current?.focus();
    asked.current = asking;
  }, [asking]);

  const finalise = async () => {
    const version = minutes.version;
    const done = await edit.run(
      (token) => minutesApi.finalise(edit.boardId, token, edit.meetingId, { version }),
      t('minutes.finalised'),
    );
    // Focus has moved to the announcement; the question must not take it back.
    asked.current = false;
    if (done !== 'failed') setAsking(false);
  };

  return (
    <section className="minutes-section minutes-finalise screen-only" data-testid="minutes-finalise">
      {asking ? (
        <div className="minutes-confirm">
          <p>{t('minutes.finaliseAsk')}</p>
          <div className="button-row">
            <button type="button" className="button secondary" ref={keepRef} onClick={() => setAsking(false)}>
              {t('minutes.finaliseKeep')}
            </button>
            <button
              type="button"
              className="button"
              aria-disabled={edit.working || undefined}
              onClick={() => void finalise()}
              data-testid="minutes-finalise-confirm"
            >
              {t('minutes.finaliseConfirm')}
            </button>
          </div>
        </div>
      ) : (
        <>
          <p className="hint">{t('minutes.finaliseHint')}</p>
          <button
            type="button"
            className="button"
            ref={finaliseRef}
            onClick={() => setAsking(true)}
            data-testid="minutes-finalise-button"
          >
            {t('minutes.finalise')}
          </button>
        </>
      )}
    </section>
  );
}
