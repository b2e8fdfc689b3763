import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

const listFiles = (dir: string, prefix = ''): string[] =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((entry) =>
          entry.isDirectory()
            ? listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`)
            : [`${prefix}${entry.name}`],
        )
    : [];

/** A file of the build as the worker's version sees it: its name and its bytes. */
export interface BuiltFile {
  readonly name: string;
  readonly content: string | Uint8Array;
}

/**
 * The worker's version: a hash over every precached file's name and content. Names alone are not enough: files
 * from public/ (icons, the manifest) keep their names when their bytes change, and a changed icon must ship.
 * Each content is preceded by its length, so no two different builds hash the same stream.
 */
export function buildVersion(files: readonly BuiltFile[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const content = typeof file.content === 'string' ? Buffer.from(file.content) : file.content;
    hash.update(`${file.name}\n${content.byteLength}\n`);
    hash.update(content);
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Emits /sw.js from sw.template.js with the list of this build's files to precache and a version derived from
 * their names and contents (buildVersion), so a new worker comes exactly when the app changed. A few lines
 * instead of a Workbox dependency.
 */
export function serviceWorker(options: { template: string; publicDir: string }): Plugin {
  return {
    name: 'common-ground:service-worker',
    apply: 'build',
    enforce: 'post',
    generateBundle(_output, bundle) {
      const built = new Map<string, BuiltFile>();
      // Vite copies public/ into the output; a bundle entry of the same name is what ends up there.
      for (const name of listFiles(options.publicDir)) {
        built.set(name, { name, content: fs.readFileSync(path.join(options.publicDir, name)) });
      }
      for (const [name, output] of Object.entries(bundle)) {
        if (name.endsWith('.map')) continue;
        built.set(name, { name, content: output.type === 'asset' ? output.source : output.code });
      }
      const files = [...built.keys()].sort();
      const precache = files.map((file) => `/${file}`);
      const source = fs
        .readFileSync(options.template, 'utf8')
        .replace("'__VERSION__'", JSON.stringify(buildVersion([...built.values()])))
        .replace('__PRECACHE__', JSON.stringify(precache));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}
