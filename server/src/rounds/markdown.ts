/**
 * Escapes user text for Markdown so that it renders as the text it is: inline markers anywhere, block markers
 * (lists, headings, thematic breaks, ordered lists) at line starts. CommonMark lets any ASCII punctuation be
 * backslash-escaped, so an escape too many only costs a character in the raw file.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~&#]/g, '\\$&')
    .replace(/^(\s*)([-+=])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
}

/** For a heading, list item or table cell: one line, escaped. */
export const inlineText = (text: string): string => escapeMarkdown(text.replace(/\s+/g, ' ').trim());

/** Multi-line user text as paragraphs; a single line break stays a line break (CommonMark's trailing `\`). */
export function blockText(text: string): string {
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) => escapeMarkdown(line.trimEnd()))
    .join('\n')
    .replace(/([^\n])\n(?=[^\n])/g, '$1\\\n');
}
