import { intlTag, type Locale } from '../i18n/languages';

/** "12.03.2027" / "12/03/2027" */
export const formatDate = (ms: number, locale: Locale): string =>
  new Intl.DateTimeFormat(intlTag(locale), { dateStyle: 'medium' }).format(ms);

/** "12.03.2027, 14:30" */
export const formatDateTime = (ms: number, locale: Locale): string =>
  new Intl.DateTimeFormat(intlTag(locale), { dateStyle: 'medium', timeStyle: 'short' }).format(ms);

/** A 'YYYY-MM-DD' calendar date, shown without any time zone shift. */
export const formatDay = (day: string, locale: Locale): string =>
  new Intl.DateTimeFormat(intlTag(locale), { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );

/** Today as 'YYYY-MM-DD' in the person's own time zone, for comparing with review dates. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
