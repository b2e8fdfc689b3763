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

/**
 * Emits /sw.js from sw.template.js with the list of this build's files to precache and a version derived from
 * them. The hashed file names change with their content, and index.html names them, so hashing the names and
 * index.html gives a new worker exactly when the app changed. A few lines instead of a Workbox dependency.
 */
export function serviceWorker(options: { template: string; publicDir: string }): Plugin {
  return {
    name: 'common-ground:service-worker',
    apply: 'build',
    enforce: 'post',
    generateBundle(_output, bundle) {
      const built = Object.keys(bundle).filter((file) => !file.endsWith('.map'));
      const fromPublic = listFiles(options.publicDir);
      const files = [...new Set([...built, ...fromPublic])].sort();
      const hash = createHash('sha256');
      for (const file of files) hash.update(`${file}\n`);
      const index = bundle['index.html'];
      if (index?.type === 'asset') hash.update(index.source);
      const precache = files.map((file) => `/${file}`);
      const source = fs
        .readFileSync(options.template, 'utf8')
        .replace("'__VERSION__'", JSON.stringify(hash.digest('hex').slice(0, 16)))
        .replace('__PRECACHE__', JSON.stringify(precache));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}
