import { describe, expect, it } from 'vitest';
import { readablePage } from './readablePage';

describe('the readable page of "my data"', () => {
  it('turns the export’s headings, lists and paragraphs into HTML in the reader’s direction', () => {
    const page = readablePage('# بياناتي: Runde\n\nنص\n\n## أنت\n\n- الاسم: Leyla\n- الدور\n', 'ar', 'rtl');
    expect(page).toContain('<html lang="ar" dir="rtl">');
    expect(page).toContain('<title>بياناتي: Runde</title>');
    expect(page).toContain('<h1>بياناتي: Runde</h1>');
    expect(page).toContain('<p>نص</p>');
    expect(page).toContain('<h2>أنت</h2>');
    expect(page).toContain('<ul><li>الاسم: Leyla</li><li>الدور</li></ul>');
  });

  it('shows what people typed as text: markup escaped, Markdown escapes undone, no script allowed', () => {
    const markdown = '# Meine Daten\n\n- „\\<img src=x onerror=alert(1)\\>“ und \\*fett\\* & \\#1\n';
    const page = readablePage(markdown, 'de', 'ltr');
    expect(page).toContain('<li>„&lt;img src=x onerror=alert(1)&gt;“ und *fett* &amp; #1</li>');
    expect(page).not.toContain('<img');
    expect(page).toContain("default-src 'none'");
  });
});
