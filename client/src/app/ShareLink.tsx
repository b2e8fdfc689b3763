import { QRCodeSVG } from 'qrcode.react';
import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../i18n/locale';

/** A link to hand on at the table: copy it, or scan its QR code from the other device. */
export function ShareLink({
  url,
  label,
  qrLabel,
  validity,
  urlTestId,
  copyTestId,
  takeFocus = false,
}: {
  url: string;
  label: string;
  qrLabel: string;
  /** How long the link works, in words. */
  validity: string;
  urlTestId: string;
  copyTestId?: string;
  /** Focus the copy button when shown: the button that created the link has gone. */
  takeFocus?: boolean;
}) {
  const t = useT();
  const id = useId();
  const urlRef = useRef<HTMLInputElement>(null);
  const copyRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (takeFocus) copyRef.current?.focus();
  }, [takeFocus]);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const copy = async () => {
    try {
      // navigator.clipboard is missing on plain http (other than localhost) and may be refused.
      await navigator.clipboard.writeText(url);
      setCopyState('copied');
    } catch {
      urlRef.current?.focus();
      urlRef.current?.select();
      setCopyState('manual');
    }
  };
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-url`}>{label}</label>
        <div className="copy-row">
          <input
            id={`${id}-url`}
            ref={urlRef}
            type="url"
            readOnly
            value={url}
            onFocus={(e) => e.target.select()}
            data-testid={urlTestId}
          />
          <button
            ref={copyRef}
            type="button"
            className="button secondary"
            onClick={copy}
            data-testid={copyTestId}
          >
            {copyState === 'copied' ? t('invite.copied') : t('invite.copy')}
          </button>
        </div>
        <span className="hint" role="status">
          {copyState === 'manual' ? t('invite.copyFallback') : ''}
        </span>
        <span className="hint">{validity}</span>
      </div>
      <div className="qr">
        <QRCodeSVG value={url} size={192} marginSize={2} role="img" aria-label={qrLabel} data-url={url} />
      </div>
    </>
  );
}
