import fs from 'node:fs';
import path from 'node:path';
import { boardViewSuffix } from '@common-ground/shared';
import { z } from 'zod';
import { modifiedAt } from './fileTime';

/** The chunk of a board view, by its path suffix (boardViewSuffix) and the name Vite gives the page module. */
const BOARD_VIEW_CHUNKS: Readonly<Record<string, string>> = { '': 'BoardPage', '/present': 'PresentPage' };
const JOIN_PATH = /^\/join\/[^/]+\/?$/;

/** The page chunk a path opens. A join link leads to the board: its chunks load while the person types a name. */
function chunkFor(pathname: string): string | undefined {
  if (JOIN_PATH.test(pathname)) return BOARD_VIEW_CHUNKS[''];
  const suffix = boardViewSuffix(pathname);
  return suffix === null ? undefined : BOARD_VIEW_CHUNKS[suffix];
}

const MANIFEST_PATH = '.vite/manifest.json';
// The page's own entry (index.html) is in the HTML already.
const HTML_ENTRY = 'index.html';

const ManifestSchema = z.record(
  z.string(),
  z.object({
    file: z.string(),
    name: z.string().optional(),
    imports: z.array(z.string()).optional(),
    css: z.array(z.string()).optional(),
  }),
);
type Manifest = z.infer<typeof ManifestSchema>;

/** `<link>` tags for a chunk, its static imports and their CSS: what the page would fetch after the main bundle. */
function linksFor(manifest: Manifest, chunkName: string): string {
  const start = Object.keys(manifest).find(
    (key) => manifest[key]?.name === chunkName && manifest[key]?.file.endsWith('.js'),
  );
  const scripts = new Set<string>();
  const styles = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (key === HTML_ENTRY || !chunk || scripts.has(chunk.file)) return;
    scripts.add(chunk.file);
    for (const css of chunk.css ?? []) styles.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  if (start) visit(start);
  // crossorigin as on Vite's own tags, so that the page's later requests reuse these fetches. CSS as a preload,
  // not a stylesheet: nothing on the first screen waits for it (the page applies it with the chunk).
  return [
    ...[...scripts].map((file) => `<link rel="modulepreload" crossorigin href="/${file}">`),
    ...[...styles].map((file) => `<link rel="preload" as="style" crossorigin href="/${file}">`),
  ].join('');
}

/**
 * index.html for `pathname`, with the chunks of the page it opens preloaded: on a board link they load beside
 * the main bundle instead of after it has run. Read from the build (index.html and Vite's manifest) whenever
 * either changed; without a manifest the HTML stays as built.
 */
export class PageHtml {
  private cached: { key: string; html: string; byChunk: Map<string, string> } | null = null;

  constructor(private readonly staticDir: string) {}

  for(pathname: string): string {
    const built = this.read();
    const chunk = chunkFor(pathname);
    const links = chunk ? built.byChunk.get(chunk) : undefined;
    return links ? built.html.replace('</head>', `${links}\n  </head>`) : built.html;
  }

  private read(): { html: string; byChunk: Map<string, string> } {
    const indexFile = path.join(this.staticDir, 'index.html');
    const manifestFile = path.join(this.staticDir, MANIFEST_PATH);
    const key = [indexFile, manifestFile].map((file) => modifiedAt(file) ?? 0).join(':');
    if (this.cached?.key === key) return this.cached;
    const html = fs.readFileSync(indexFile, 'utf8');
    const manifest = readManifest(manifestFile);
    const byChunk = new Map(
      manifest ? Object.values(BOARD_VIEW_CHUNKS).map((c) => [c, linksFor(manifest, c)]) : [],
    );
    this.cached = { key, html, byChunk };
    return this.cached;
  }
}

function readManifest(file: string): Manifest | null {
  try {
    const parsed = ManifestSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
