import { MAX_MAIL_SENDER_NAME_CHARS, type MailStatusResponse } from '@common-ground/shared/api';
import { useId, useState } from 'react';
import type { MessageKey } from '../i18n/catalogues';
import { useT } from '../i18n/locale';
import { useBoardContext } from '../sync/SessionContext';
import { mailApi } from './mailApi';

type Message = { readonly key: MessageKey; readonly error: boolean; readonly name?: string };

/**
 * The facilitator's name for the sender of the board's mails ("Stadtteilrunde Nordstadt" <server address>); empty =
 * the board's title. One line: the input has no line breaks, and pasted ones become spaces before saving.
 */
export function SenderNameField(props: {
  readonly status: MailStatusResponse;
  readonly onSaved: (status: MailStatusResponse) => void;
}) {
  const t = useT();
  const id = useId();
  const { boardId, token } = useBoardContext();
  const [value, setValue] = useState(props.status.senderName ?? '');
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);

  const save = async () => {
    const name = value.replace(/\s+/g, ' ').trim();
    if (name.length > MAX_MAIL_SENDER_NAME_CHARS) {
      setMessage({ key: 'mailStatus.senderTooLong', error: true });
      return;
    }
    setSaving(true);
    try {
      const next = await mailApi.setSender(boardId, token, name || null);
      setValue(next.senderName ?? '');
      setMessage({
        key: 'mailStatus.senderSaved',
        error: false,
        name: next.senderName ?? next.defaultSenderName,
      });
      props.onSaved(next);
    } catch {
      setMessage({ key: 'mailStatus.senderFailed', error: true });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="mail-sender"
      onSubmit={(event) => {
        event.preventDefault();
        if (!saving) void save();
      }}
    >
      <div className="field">
        <label htmlFor={id}>{t('mailStatus.senderLabel')}</label>
        <span className="hint" id={`${id}-hint`}>
          {t('mailStatus.senderHint', { board: props.status.defaultSenderName })}
        </span>
        <input
          id={id}
          type="text"
          value={value}
          maxLength={MAX_MAIL_SENDER_NAME_CHARS}
          placeholder={props.status.defaultSenderName}
          autoComplete="organization"
          dir="auto"
          aria-describedby={`${id}-hint`}
          aria-invalid={message?.error === true}
          onChange={(event) => {
            setValue(event.target.value);
            setMessage(null);
          }}
          data-testid="mail-sender-name"
        />
      </div>
      <button
        type="submit"
        className="button secondary"
        aria-disabled={saving}
        data-testid="mail-sender-save"
      >
        {t('mailStatus.senderSave')}
      </button>
      <p
        className={message?.error ? 'field-error' : 'hint'}
        role="status"
        aria-live="polite"
        data-testid="mail-sender-message"
      >
        {message &&
          t(message.key, {
            name: message.name ?? '',
            max: MAX_MAIL_SENDER_NAME_CHARS,
          })}
      </p>
    </form>
  );
}
