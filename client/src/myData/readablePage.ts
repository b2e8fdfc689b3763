/**
 * The readable version of "my data" as a page of its own: the server writes it as Markdown (headings, list items,
 * paragraphs, nothing else), and a browser tab shows Markdown only as raw text, left to right even in Arabic. This
 * turns exactly that subset into a small HTML document in the reader's language and direction, printable.
 *
 * Everything from the server is text: escaped for HTML, never markup. The page also forbids every script and
 * resource by its own Content-Security-Policy, since a blob URL shares the board's origin.
 */
export function readablePage(markdown: string, lang: string, dir: 'ltr' | 'rtl'): string {
  const body: string[] = [];
  let list: string[] | null = null;
  const closeList = () => {
    if (list) body.push(`<ul>${list.join('')}</ul>`);
    list = null;
  };
  let title = '';
  for (const raw of markdown.split('\n')) {
    const line = raw.trimEnd();
    const heading = /^(#{1,3}) (.*)$/.exec(line);
    if (heading) {
      closeList();
      const level = heading[1]?.length ?? 1;
      const text = inline(heading[2] ?? '');
      if (level === 1 && !title) title = text;
      body.push(`<h${level}>${text}</h${level}>`);
    } else if (line.startsWith('- ')) {
      list ??= [];
      list.push(`<li>${inline(line.slice(2))}</li>`);
    } else if (line === '') {
      closeList();
    } else {
      closeList();
      body.push(`<p>${inline(line)}</p>`);
    }
  }
  closeList();
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(lang)}" dir="${dir}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    `<body>${body.join('\n')}</body>`,
    '</html>',
  ].join('\n');
}

const STYLE =
  'body{font-family:system-ui,sans-serif;line-height:1.5;max-width:48rem;margin:0 auto;padding:1rem;' +
  'color:#1a1a1a;overflow-wrap:anywhere}h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:1.5rem}' +
  'ul{padding-inline-start:1.25rem}li{margin:.25rem 0}';

/** A Markdown line of the export as HTML text: its backslash escapes undone (CommonMark), then escaped for HTML. */
function inline(text: string): string {
  return escapeHtml(text.replace(/\\([!-/:-@[-`{-~])/g, '$1'));
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
