import type { DeviceLinkResponse } from '@common-ground/shared/api';
import { ShareLink } from '../app/ShareLink';
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
  return (
    <div className="one-time-link">
      <ShareLink
        url={link.url}
        label={label}
        qrLabel={qrLabel}
        validity={t('device.validUntil', {
          time: new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(link.expiresAt),
        })}
        urlTestId="device-link-url"
      />
    </div>
  );
}
