import { useEffect, useState } from 'react';
import { roundsApi } from '../app/api';
import { useLocale } from '../i18n/locale';

/**
 * The Markdown export needs the token in a header, so a plain link cannot fetch it: it is fetched once and
 * offered as a blob URL (revoked when the page goes away). It is written in the reader's language, and fetched
 * again when they switch.
 */
export function useMarkdownDownload(boardId: string, token: string | null): string | null {
  const locale = useLocale();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!token) return;
    let active = true;
    let created: string | null = null;
    roundsApi.agreementMarkdown(boardId, token, locale).then(
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
  }, [boardId, token, locale]);
  return url;
}
