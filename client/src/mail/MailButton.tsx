import {
  DEFAULT_MAIL_PREFERENCES,
  DIGEST_FREQUENCIES,
  LANGUAGES,
  type MailPreferences,
  type MailSettingsResponse,
} from '@common-ground/shared/api';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../app/apiError';
import { DialogButton } from '../app/DialogButton';
import { errorMessageKey } from '../app/errorMessage';
import { Checkbox, Field } from '../app/Field';
import { useMyPartnerId } from '../board/lookups';
import type { MessageKey } from '../i18n/catalogues';
import { useLocale, useT } from '../i18n/locale';
import { useBoardContext } from '../sync/SessionContext';
import { mailApi } from './mailApi';
import { addressProblem } from './mailText';
import './mail.css';

/** An envelope, drawn (no emoji font on cheap phones): the button stays short in the phone's header. */
function Envelope() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <rect
        x="3"
        y="5.5"
        width="18"
        height="13"
        rx="1.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.75"
      />
      <path d="M3.5 6.5 12 13l8.5-6.5" fill="none" stroke="currentColor" strokeWidth="1.75" />
    </svg>
  );
}

/** Anyone on the board: an optional e-mail address and what to receive there (issue 26). */
export function MailButton() {
  const t = useT();
  return (
    <DialogButton
      label={
        <>
          <Envelope />
          {t('mail.button')}
        </>
      }
      title={t('mail.heading')}
      testId="mail-button"
      dialogTestId="mail-dialog"
      className="button subtle"
    >
      {() => <MailPreferencesForm />}
    </DialogButton>
  );
}

/** What the last action left to say; the address's state is said from the server's answer. */
type Done = 'saved' | 'removed' | null;

function MailPreferencesForm() {
  const t = useT();
  const locale = useLocale();
  const { boardId, token, role } = useBoardContext();
  const partnerId = useMyPartnerId();
  const id = useId();
  const [settings, setSettings] = useState<MailSettingsResponse | null>(null);
  const [loadError, setLoadError] = useState<MessageKey | null>(null);
  const [address, setAddress] = useState('');
  const [preferences, setPreferences] = useState<MailPreferences>(DEFAULT_MAIL_PREFERENCES);
  const [fieldError, setFieldError] = useState<MessageKey | null>(null);
  const [error, setError] = useState<MessageKey | null>(null);
  const [done, setDone] = useState<Done>(null);
  const [working, setWorking] = useState(false);
  const [asking, setAsking] = useState(false);
  const stateRef = useRef<HTMLDivElement>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  const addressRef = useRef<HTMLInputElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  /** Where focus goes after the next render, since the pressed control may be gone by then. */
  const focusNext = useRef<'state' | 'error' | 'address' | 'remove' | 'cancel' | null>(null);
  useEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    focusNext.current = null;
    const refs = {
      state: stateRef,
      error: errorRef,
      address: addressRef,
      remove: removeRef,
      cancel: cancelRef,
    };
    refs[target].current?.focus();
  });

  const adopt = useCallback((next: MailSettingsResponse) => {
    setSettings(next);
    setAddress(next.address ?? '');
    setPreferences(next.preferences);
  }, []);

  useEffect(() => {
    let active = true;
    mailApi.settings(boardId, token).then(
      (loaded) => {
        if (active) adopt(loaded);
      },
      (caught: unknown) => {
        if (active) setLoadError(errorMessageKey(caught));
      },
    );
    return () => {
      active = false;
    };
  }, [boardId, token, adopt]);

  // Confirming happens in the mail program; coming back to this tab shows it, without touching what is typed.
  const pending = settings?.status === 'pending';
  useEffect(() => {
    if (!pending) return;
    const look = () => {
      if (document.visibilityState !== 'visible') return;
      mailApi.settings(boardId, token).then(
        (loaded) => setSettings((current) => (current?.status === 'pending' ? loaded : current)),
        () => {},
      );
    };
    document.addEventListener('visibilitychange', look);
    window.addEventListener('focus', look);
    return () => {
      document.removeEventListener('visibilitychange', look);
      window.removeEventListener('focus', look);
    };
  }, [pending, boardId, token]);

  if (loadError) {
    return (
      <p className="alert" role="alert">
        {t(loadError)}
      </p>
    );
  }
  if (settings === null) return <p role="status">{t('mail.loading')}</p>;
  if (!settings.available) {
    return (
      <div className="mail-form">
        <p>{t('mail.intro')}</p>
        <p className="alert info" data-testid="mail-off">
          {t(role === 'facilitator' ? 'mail.offFacilitator' : 'mail.off')}
        </p>
      </div>
    );
  }

  const save = async () => {
    // Never `disabled` while saving (a disabled focused button drops the focus to <body>): a second press waits.
    if (working) return;
    setError(null);
    setDone(null);
    const problem = addressProblem(address);
    setFieldError(problem);
    if (problem) {
      focusNext.current = 'address';
      return;
    }
    setWorking(true);
    try {
      adopt(await mailApi.save(boardId, token, { address: address.trim(), preferences, language: locale }));
      setDone('saved');
      focusNext.current = 'state';
    } catch (caught) {
      const key = saveErrorKey(caught);
      if (key === 'mail.addressInvalid') {
        setFieldError(key);
        focusNext.current = 'address';
      } else {
        setError(key);
        focusNext.current = 'error';
      }
    } finally {
      setWorking(false);
    }
  };

  const remove = async () => {
    if (working) return;
    setWorking(true);
    setError(null);
    setDone(null);
    try {
      await mailApi.remove(boardId, token);
      adopt({ ...settings, status: 'none', address: null, confirmationSentAt: null });
      setDone('removed');
      setFieldError(null);
      focusNext.current = 'state';
    } catch (caught) {
      setError(errorMessageKey(caught));
      focusNext.current = 'error';
    } finally {
      setWorking(false);
      setAsking(false);
    }
  };

  const stateText =
    done === 'removed'
      ? t('mail.removed')
      : settings.status === 'pending'
        ? t('mail.pending', { address: settings.address ?? '' })
        : settings.status === 'confirmed'
          ? t(done === 'saved' ? 'mail.savedConfirmed' : 'mail.confirmed', {
              address: settings.address ?? '',
            })
          : '';
  const setPreference = <K extends keyof MailPreferences>(key: K, value: MailPreferences[K]) =>
    setPreferences((current) => ({ ...current, [key]: value }));
  const hasAddress = settings.status !== 'none';
  const addressId = `${id}-address`;
  const addressErrorId = `${addressId}-error`;

  return (
    <form
      className="mail-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <p>{t('mail.intro')}</p>
      {/* Focusable from script: after saving, focus lands here and the new state is read out. */}
      <div
        ref={stateRef}
        tabIndex={-1}
        role="status"
        className={stateText ? `alert info mail-state ${settings.status}` : 'mail-state empty'}
        data-testid="mail-state"
        data-status={done === 'removed' ? 'removed' : settings.status}
      >
        {stateText && <bdi>{stateText}</bdi>}
      </div>
      {error && (
        <p ref={errorRef} tabIndex={-1} className="alert" role="alert" data-testid="mail-error">
          {t(error)}
        </p>
      )}
      <Field
        id={addressId}
        label={t('mail.address')}
        hint={t('mail.addressHint')}
        error={fieldError && <span id={addressErrorId}>{t(fieldError)}</span>}
        errorTestId="mail-address-error"
      >
        <input
          ref={addressRef}
          id={addressId}
          type="email"
          inputMode="email"
          autoComplete="email"
          dir="ltr"
          spellCheck={false}
          value={address}
          onChange={(event) => {
            setAddress(event.target.value);
            setFieldError(null);
          }}
          aria-invalid={fieldError !== null}
          aria-describedby={fieldError ? `${addressId}-hint ${addressErrorId}` : `${addressId}-hint`}
          data-testid="mail-address"
        />
      </Field>
      <fieldset>
        <legend>{t('mail.digestLegend')}</legend>
        {DIGEST_FREQUENCIES.map((frequency) => (
          <label key={frequency} className="choice">
            <input
              type="radio"
              name={`${id}-digest`}
              value={frequency}
              checked={preferences.digest === frequency}
              onChange={() => setPreference('digest', frequency)}
              data-testid={`mail-digest-${frequency}`}
            />
            {t(`mail.digest.${frequency}`)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('mail.alsoLegend')}</legend>
        {/* Rounds ask organisations: someone without one has none to be reminded about. */}
        {partnerId && (
          <Checkbox
            checked={preferences.roundAwaits}
            onChange={(checked) => setPreference('roundAwaits', checked)}
            label={t('mail.roundAwaits')}
            testId="mail-round-awaits"
          />
        )}
        <Checkbox
          checked={preferences.outcomes}
          onChange={(checked) => setPreference('outcomes', checked)}
          label={t('mail.outcomes')}
          testId="mail-outcomes"
        />
        <Checkbox
          checked={preferences.invitations}
          onChange={(checked) => setPreference('invitations', checked)}
          label={t('mail.invitations')}
          testId="mail-invitations"
        />
        <Checkbox
          checked={preferences.minutes}
          onChange={(checked) => setPreference('minutes', checked)}
          label={t('mail.minutes')}
          testId="mail-minutes"
        />
      </fieldset>
      <p className="hint">{t('mail.language', { language: LANGUAGES[locale].name })}</p>
      {asking ? (
        <div className="alert mail-confirm" role="alertdialog" aria-labelledby={`${id}-ask`}>
          <p id={`${id}-ask`}>{t('mail.removeQuestion')}</p>
          <div className="button-row">
            <button
              ref={cancelRef}
              type="button"
              className="button secondary"
              aria-disabled={working}
              onClick={() => {
                if (working) return;
                setAsking(false);
                focusNext.current = 'remove';
              }}
            >
              {t('board.cancel')}
            </button>
            <button
              type="button"
              className="button danger"
              aria-disabled={working}
              onClick={() => void remove()}
              data-testid="mail-remove-confirm"
            >
              {t('mail.remove')}
            </button>
          </div>
        </div>
      ) : (
        <div className="button-row">
          <button type="submit" className="button" aria-disabled={working} data-testid="mail-save">
            {working ? t('mail.saving') : t('mail.save')}
          </button>
          {hasAddress && (
            <button
              ref={removeRef}
              type="button"
              className="button secondary"
              onClick={() => {
                setAsking(true);
                focusNext.current = 'cancel';
              }}
              data-testid="mail-remove"
            >
              {t('mail.remove')}
            </button>
          )}
        </div>
      )}
    </form>
  );
}

/** A refused save, in words that say what to do. */
function saveErrorKey(error: unknown): MessageKey {
  if (error instanceof ApiError && error.failure.kind === 'http') {
    if (error.failure.status === 400) return 'mail.addressInvalid';
    if (error.failure.status === 409) return 'mail.offNow';
    if (error.failure.status === 429) return 'mail.tooSoon';
  }
  return errorMessageKey(error);
}
