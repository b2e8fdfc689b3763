import type { Locale } from '@common-ground/shared/api';
import type { LinkOutcome } from './service';
import { escapeHtml, type MailKey, mailText } from './text';

/** A page a link from a mail opens: its HTTP status and the HTML. */
export interface MailPage {
  readonly status: number;
  readonly html: string;
}

const PAGES: Readonly<Record<LinkOutcome['outcome'], { title: MailKey; body: MailKey; status: number }>> = {
  confirmed: { title: 'page.confirmed.title', body: 'page.confirmed.body', status: 200 },
  unsubscribe: { title: 'page.unsubscribe.title', body: 'page.unsubscribe.body', status: 200 },
  unsubscribed: { title: 'page.unsubscribed.title', body: 'page.unsubscribed.body', status: 200 },
  invalid: { title: 'page.invalid.title', body: 'page.invalid.body', status: 404 },
  expired: { title: 'page.expired.title', body: 'page.expired.body', status: 410 },
};

/**
 * The small page of a confirmation or unsubscribe link, in the recipient's language (`fallback`, from the
 * browser, when the link names nobody). No script: the unsubscribe button is a form that posts what a mail
 * program's one-click POST sends, to the same address.
 */
export function mailPage(result: LinkOutcome, fallback: Locale, formAction: string | null): MailPage {
  const locale = ('locale' in result ? result.locale : null) ?? fallback;
  const text = mailText(locale);
  const page = PAGES[result.outcome];
  const board = 'boardTitle' in result ? result.boardTitle : '';
  const title = escapeHtml(text.t(page.title));
  const parts = [`<h1>${title}</h1>`, `<p>${escapeHtml(text.t(page.body, { board }))}</p>`];
  if (result.outcome === 'unsubscribe' && formAction !== null) {
    parts.push(
      `<form method="post" action="${escapeHtml(formAction)}">` +
        '<input type="hidden" name="List-Unsubscribe" value="One-Click">' +
        `<button type="submit">${escapeHtml(text.t('page.unsubscribe.button'))}</button></form>`,
    );
  }
  if ('boardId' in result && result.boardId) {
    parts.push(
      `<p><a href="/b/${encodeURIComponent(result.boardId)}">${escapeHtml(text.t('page.openBoard'))}</a></p>`,
    );
  }
  const html = `<!doctype html>
<html lang="${text.lang}"${text.rtl ? ' dir="rtl"' : ''}><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<style>
body{font-family:system-ui,sans-serif;font-size:18px;line-height:1.5;color:#1f2937;max-width:32em;margin:2em auto;padding:0 1em}
button{font:inherit;min-height:44px;padding:8px 20px;border:0;border-radius:6px;background:#1d4ed8;color:#fff;cursor:pointer}
button:focus-visible,a:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
a{color:#1d4ed8}
</style></head>
<body><main>
${parts.join('\n')}
</main></body></html>`;
  return { status: page.status, html };
}
