import { DEFAULT_MEETING_TIME_ZONE, type Meeting } from '@common-ground/shared/api';
import { useCallback } from 'react';
import { useLocale, useT } from '../i18n/locale';
import { deviceTimeZone, formatMeetingWhen, zoneCity, zoneDiffers } from './meetingTime';

/** "Berliner Zeit", or "Zeit in Wien" for the other zones a meeting may be held in. */
export function useZoneLabel(): (timeZone: string) => string {
  const t = useT();
  return useCallback(
    (timeZone: string) =>
      timeZone === DEFAULT_MEETING_TIME_ZONE
        ? t('meetings.zoneBerlin')
        : t('meetings.zoneOther', { city: zoneCity(timeZone) }),
    [t],
  );
}

/**
 * A meeting in one line: "Di., 12.01.2027, 18:00–20:00, Stadtteiltreff" — the zone is said only when this device's
 * clocks read the times differently; the video link stands in for a place when there is none.
 */
export function useMeetingLine(): (meeting: Meeting, options?: { year?: boolean }) => string {
  const t = useT();
  const locale = useLocale();
  const zoneLabel = useZoneLabel();
  return useCallback(
    (meeting: Meeting, options?: { year?: boolean }) => {
      const when = formatMeetingWhen(meeting, locale, options);
      const zone = zoneDiffers(meeting, deviceTimeZone()) ? ` (${zoneLabel(meeting.timeZone)})` : '';
      const where = meeting.place ?? (meeting.link ? t('meetings.online') : null);
      return where ? t('meetings.whenWhere', { when: `${when}${zone}`, where }) : `${when}${zone}`;
    },
    [t, locale, zoneLabel],
  );
}
