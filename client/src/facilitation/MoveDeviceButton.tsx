import type { DeviceLinkResponse } from '@common-ground/shared/api';
import { useState } from 'react';
import { DialogButton } from '../app/DialogButton';
import { errorMessageKey } from '../app/errorMessage';
import type { MessageKey } from '../i18n/catalogues';
import { useT } from '../i18n/locale';
import { useBoardContext } from '../sync/SessionContext';
import { OneTimeLink } from './OneTimeLink';
import { peopleApi } from './peopleApi';
import './people.css';

/** Anyone: a one-time link that gives another device of theirs its own access; this device keeps working. */
export function MoveDeviceButton() {
  const t = useT();
  return (
    <DialogButton
      label={t('device.button')}
      title={t('device.heading')}
      testId="move-device"
      dialogTestId="move-device-dialog"
      className="button subtle"
    >
      {() => <MoveDevice />}
    </DialogButton>
  );
}

function MoveDevice() {
  const t = useT();
  const { boardId, token } = useBoardContext();
  const [link, setLink] = useState<DeviceLinkResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);
  const create = async () => {
    // Never `disabled` while asking (a disabled focused button drops the keyboard focus): a second press waits.
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      setLink(await peopleApi.deviceLink(boardId, token));
    } catch (caught) {
      setError(errorMessageKey(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <p>{t('device.intro')}</p>
      {error && (
        <p className="alert" role="alert">
          {t(error)}
        </p>
      )}
      {link ? (
        <OneTimeLink link={link} label={t('device.link')} qrLabel={t('device.qrLabel')} />
      ) : (
        <button
          type="button"
          className="button"
          onClick={create}
          aria-disabled={busy}
          data-testid="device-link-create"
        >
          {t('device.create')}
        </button>
      )}
    </>
  );
}
