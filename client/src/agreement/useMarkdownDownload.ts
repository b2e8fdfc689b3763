import { useEffect, useState } from 'react';
import type { Locale } from '../i18n/languages';
import { useLocale } from '../i18n/locale';

/** Fetches a Markdown file in a language; keep it the same function (useCallback) while the file is the same. */
export type MarkdownLoader = (locale: Locale) => Promise<Blob>;

/**
 * A Markdown export (the agreement, a meeting's minutes) needs the token in a header, so a plain link cannot fetch
 * it: it is fetched once and offered as a blob URL (revoked when the page goes away). It is written in the reader's
 * language, and fetched again when they switch, or when `load` changes (another file, or a newer state of it).
 */
export function useMarkdownDownload(load: MarkdownLoader | null): string | null {
  const locale = useLocale();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!load) return;
    let active = true;
    let created: string | null = null;
    load(locale).then(
      (blob) => {
        if (!active) return;
        created = URL.createObjectURL(blob);
        setUrl(created);
      },
      // Without the file the page still prints; the link simply does not appear.
      () => {},
    );
    return () => {
      active = false;
      if (created) URL.revokeObjectURL(created);
    };
  }, [load, locale]);
  return url;
}
