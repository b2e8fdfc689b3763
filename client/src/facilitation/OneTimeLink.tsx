import type { DeviceLinkResponse } from '@common-ground/shared';
import { QRCodeSVG } from 'qrcode.react';
import { useId, useRef, useState } from 'react';
import { useLocale, useT } from '../i18n/locale';

/** A one-time link just made: to copy, or to scan from the other device; it is never shown again. */
export function OneTimeLink({
  link,
  label,
  qrLabel,
}: {
  link: DeviceLinkResponse;
  label: string;
  qrLabel: string;
}) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const urlRef = useRef<HTMLInputElement>(null);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const copy = async () => {
    try {
      // navigator.clipboard is missing on plain http (other than localhost) and may be refused.
      await navigator.clipboard.writeText(link.url);
      setCopyState('copied');
    } catch {
      urlRef.current?.focus();
      urlRef.current?.select();
      setCopyState('manual');
    }
  };
  return (
    <div className="one-time-link">
      <div className="field">
        <label htmlFor={`${id}-url`}>{label}</label>
        <div className="copy-row">
          <input
            id={`${id}-url`}
            ref={urlRef}
            type="url"
            readOnly
            value={link.url}
            onFocus={(e) => e.target.select()}
            data-testid="device-link-url"
          />
          <button type="button" className="button secondary" onClick={copy}>
            {copyState === 'copied' ? t('invite.copied') : t('invite.copy')}
          </button>
        </div>
        <span className="hint" role="status">
          {copyState === 'manual' ? t('invite.copyFallback') : ''}
        </span>
        <span className="hint">
          {t('device.validUntil', {
            time: new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(link.expiresAt),
          })}
        </span>
      </div>
      <div className="qr">
        <QRCodeSVG value={link.url} size={192} marginSize={2} role="img" aria-label={qrLabel} />
      </div>
    </div>
  );
}
