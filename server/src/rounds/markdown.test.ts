import { describe, expect, it } from 'vitest';
import { blockText, escapeMarkdown, inlineText } from './markdown';

describe('Markdown escaping of user text', () => {
  it('escapes inline markers anywhere and block markers at line starts', () => {
    expect(escapeMarkdown('*fett* _kursiv_ `code` [link](x) <b> a|b ~x~ #1 &amp;')).toBe(
      '\\*fett\\* \\_kursiv\\_ \\`code\\` \\[link\\](x) \\<b\\> a\\|b \\~x\\~ \\#1 \\&amp;',
    );
    expect(escapeMarkdown('- Punkt\n+ Plus\n1. Eins\n===')).toBe('\\- Punkt\n\\+ Plus\n1\\. Eins\n\\===');
    expect(escapeMarkdown('a - b, 2.5 € \\')).toBe('a - b, 2.5 € \\\\');
  });

  it('keeps inline text on one line and block text in lines and paragraphs', () => {
    expect(inlineText('  Zwei\nZeilen  ')).toBe('Zwei Zeilen');
    expect(blockText('Erste\nZweite\n\n- Neuer Absatz')).toBe('Erste\\\nZweite\n\n\\- Neuer Absatz');
  });
});
