import type { DeviceLinkResponse } from '@common-ground/shared/api';
import { useEffect, useState } from 'react';
import { ShareLink } from '../app/ShareLink';
import { useLocale, useT } from '../i18n/locale';

/**
 * A one-time link just made: to copy, or to scan from the other device; it is never shown again. It appears
 * because someone asked for it, and the control they used has gone: its copy button takes focus, and a status
 * says what appeared (filled after mounting: a live region born with its text is often not read out).
 */
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
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    setAnnouncement(t('device.ready'));
  }, [t]);
  return (
    <div className="one-time-link">
      <p className="visually-hidden" role="status" data-testid="device-link-announcement">
        {announcement}
      </p>
      <ShareLink
        url={link.url}
        label={label}
        qrLabel={qrLabel}
        validity={t('device.validUntil', {
          time: new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(link.expiresAt),
        })}
        urlTestId="device-link-url"
        copyTestId="device-link-copy"
        takeFocus
      />
    </div>
  );
}
