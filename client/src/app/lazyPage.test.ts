import { boardViewSuffix } from '@common-ground/shared/paths';
import { createElement, Suspense } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { lazyPage } from './lazyPage';

const Greeting = ({ name }: { name: string }) => createElement('p', null, `Hallo ${name}`);
const fallback = createElement('p', null, 'Laden');
const render = (page: ReturnType<typeof lazyPage<{ name: string }>>) =>
  renderToString(createElement(Suspense, { fallback }, createElement(page.Page, { name: 'Ada' })));

describe('lazyPage', () => {
  it('draws a preloaded page at once, without the fallback', async () => {
    const page = lazyPage(async () => Greeting);
    await page.preload();
    const html = render(page);
    expect(html).toContain('<p>Hallo Ada</p>');
    expect(html).not.toContain('Laden');
  });

  it('shows the fallback while the page was not preloaded', () => {
    const page = lazyPage(() => new Promise<typeof Greeting>(() => undefined));
    const html = render(page);
    expect(html).toContain('Laden');
    expect(html).not.toContain('Hallo');
  });

  it('loads the chunk once however often it is asked for', async () => {
    let loads = 0;
    const page = lazyPage(async () => {
      loads += 1;
      return Greeting;
    });
    await Promise.all([page.preload(), page.preload()]);
    await page.preload();
    expect(loads).toBe(1);
  });

  it('tries again after a failed load (a network that came back)', async () => {
    let loads = 0;
    const page = lazyPage(async () => {
      loads += 1;
      if (loads === 1) throw new Error('offline');
      return Greeting;
    });
    await expect(page.preload()).rejects.toThrow('offline');
    await page.preload();
    expect(loads).toBe(2);
    expect(render(page)).toContain('<p>Hallo Ada</p>');
  });
});

describe('boardViewSuffix', () => {
  it.each([
    ['/b/abc', ''],
    ['/b/abc/', ''],
    ['/b/abc/present', '/present'],
    ['/b/abc/network/', '/network'],
    ['/', null],
    ['/join/xyz', null],
    ['/b/', null],
    ['/b/abc/present/extra', null],
  ])('%s → %s', (path, suffix) => {
    expect(boardViewSuffix(path)).toBe(suffix);
  });
});
