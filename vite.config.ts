import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { precompress } from './client/build/precompress.ts';
import { serviceWorker } from './client/build/serviceWorker.ts';

// One config for the client build (root: client/) and for all test projects.
export default defineConfig({
  root: 'client',
  plugins: [
    react(),
    serviceWorker({ template: 'client/build/sw.template.js', publicDir: 'client/public' }),
    precompress(),
  ],
  // The manifest tells the server which chunks a board link needs (server/src/http/pageHtml.ts).
  build: { outDir: '../dist/client', emptyOutDir: true, sourcemap: true, manifest: true },
  // zod's global config, fixed before its first schema is built: our Content-Security-Policy forbids eval, so its
  // compiled parsers cannot run in the browser, and its probe for them (`new Function`) is a CSP violation.
  define: { 'globalThis.__zod_globalConfig': JSON.stringify({ jitless: true }) },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://127.0.0.1:8787',
      '/ws': { target: 'ws://127.0.0.1:8787', ws: true },
    },
  },
  test: {
    root: '.',
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          root: '.',
          include: [
            'shared/src/**/*.test.ts',
            'server/src/**/*.test.ts',
            'client/src/**/*.test.{ts,tsx}',
            'client/build/**/*.test.ts',
            'tests/unit/**/*.test.ts',
          ],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          root: '.',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          root: '.',
          include: ['tests/browser/**/*.test.ts'],
          // Finds (or installs) Chromium and pdftoppm first, or stops the run with one line saying what to install.
          globalSetup: ['tests/browser/globalSetup.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        // The dedicated reliability suite (npm run test:reliability): long, seeded, bounded runs plus the fast
        // subset that npm test runs. Files run one after another so their figures are not skewed by each other.
        extends: true,
        test: {
          name: 'reliability',
          root: '.',
          include: ['tests/reliability/**/*.test.ts', 'tests/integration/reliability-*.test.ts'],
          environment: 'node',
          testTimeout: 30 * 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
