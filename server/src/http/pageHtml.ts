import fs from 'node:fs';
import path from 'node:path';
import { boardViewSuffix } from '@common-ground/shared/paths';
import { z } from 'zod';
import { modifiedAt } from './fileTime';

/** The chunk of a board view, by its path suffix (boardViewSuffix) and the name Vite gives the page module. */
const BOARD_VIEW_CHUNKS: Readonly<Record<string, string>> = { '': 'BoardPage', '/present': 'PresentPage' };
const JOIN_PATH = /^\/join\/[^/]+\/?$/;

/** When the browser fetches a page chunk named in the HTML: beside the main bundle, or once it is idle. */
type Fetch = 'now' | 'idle';

/**
 * The page chunk a path opens. A join link leads to the board: its chunks load while the person types a name,
 * as prefetches, so that the join form (which needs none of them) is not kept waiting behind them.
 */
function chunkFor(pathname: string): { readonly chunk: string; readonly fetch: Fetch } | undefined {
  const board = BOARD_VIEW_CHUNKS[''];
  if (JOIN_PATH.test(pathname)) return board ? { chunk: board, fetch: 'idle' } : undefined;
  const suffix = boardViewSuffix(pathname);
  const chunk = suffix === null ? undefined : BOARD_VIEW_CHUNKS[suffix];
  return chunk ? { chunk, fetch: 'now' } : undefined;
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

/** Manifest keys of a chunk and of everything it imports statically, short of `known`. */
function closure(manifest: Manifest, key: string, known: ReadonlySet<string> = new Set()): Set<string> {
  const keys = new Set<string>();
  const visit = (next: string) => {
    const chunk = manifest[next];
    if (!chunk || keys.has(next) || known.has(next)) return;
    keys.add(next);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(key);
  return keys;
}

/** `<link>` tags for a chunk, its static imports and their CSS: what the page would fetch after the main bundle. */
function linksFor(manifest: Manifest, chunkName: string, fetch: Fetch): string {
  const start = Object.keys(manifest).find(
    (key) => manifest[key]?.name === chunkName && manifest[key]?.file.endsWith('.js'),
  );
  // The page's own entry and its static imports are in the HTML already.
  const keys = start ? closure(manifest, start, closure(manifest, HTML_ENTRY)) : new Set<string>();
  const chunks = [...keys].flatMap((key) => manifest[key] ?? []);
  const scripts = new Set(chunks.map((chunk) => chunk.file));
  const styles = new Set(chunks.flatMap((chunk) => chunk.css ?? []));
  // crossorigin as on Vite's own tags, so that the page's later requests reuse these fetches. CSS as a preload,
  // not a stylesheet: nothing on the first screen waits for it (the page applies it with the chunk).
  const [script, style] = fetch === 'now' ? ['modulepreload', 'preload'] : ['prefetch', 'prefetch'];
  return [
    ...[...scripts].map((file) => `<link rel="${script}" crossorigin href="/${file}">`),
    ...[...styles].map((file) => `<link rel="${style}" as="style" crossorigin href="/${file}">`),
  ].join('');
}

/**
 * index.html for `pathname`, with the chunks of the page it opens preloaded: on a board link they load beside
 * the main bundle instead of after it has run; on a join link the board's are prefetched (see chunkFor). Read from the build (index.html and Vite's manifest) whenever
 * either changed; without a manifest the HTML stays as built.
 */
export class PageHtml {
  /** Links by `chunk:fetch`. */
  private cached: { key: string; html: string; byChunk: Map<string, string> } | null = null;

  constructor(private readonly staticDir: string) {}

  for(pathname: string): string {
    const built = this.read();
    const page = chunkFor(pathname);
    const links = page ? built.byChunk.get(`${page.chunk}:${page.fetch}`) : undefined;
    return links ? built.html.replace('</head>', `${links}\n  </head>`) : built.html;
  }

  private read(): { html: string; byChunk: Map<string, string> } {
    const indexFile = path.join(this.staticDir, 'index.html');
    const manifestFile = path.join(this.staticDir, MANIFEST_PATH);
    const key = [indexFile, manifestFile].map((file) => modifiedAt(file) ?? 0).join(':');
    if (this.cached?.key === key) return this.cached;
    const html = fs.readFileSync(indexFile, 'utf8');
    const manifest = readManifest(manifestFile);
    const fetches: readonly Fetch[] = ['now', 'idle'];
    const byChunk = new Map(
      manifest
        ? Object.values(BOARD_VIEW_CHUNKS).flatMap((c) =>
            fetches.map((fetch) => [`${c}:${fetch}`, linksFor(manifest, c, fetch)] as const),
          )
        : [],
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
