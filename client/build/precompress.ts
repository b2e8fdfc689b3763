import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const COMPRESSIBLE = /\.(js|css|html|svg|json|webmanifest)$/;
// Below this, the headers cost about what compression would save.
const MIN_BYTES = 1024;

/**
 * Writes a Brotli (.br) and a gzip (.gz) copy beside every compressible file of the build, at the highest
 * levels: compressed once here, served by the server to browsers that accept them (server/src/http/static.ts).
 * A phone on a slow network loads the main bundle in a third of the bytes.
 */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'common-ground:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    writeBundle(_options, bundle) {
      for (const file of Object.keys(bundle)) {
        if (!COMPRESSIBLE.test(file)) continue;
        const full = path.join(outDir, file);
        const source = fs.readFileSync(full);
        if (source.byteLength < MIN_BYTES) continue;
        fs.writeFileSync(
          `${full}.br`,
          zlib.brotliCompressSync(source, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.byteLength,
            },
          }),
        );
        fs.writeFileSync(`${full}.gz`, zlib.gzipSync(source, { level: 9 }));
      }
    },
  };
}
