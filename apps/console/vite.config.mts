import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The analysts' console: built into dist/console and served by the API at /console/. */
export default defineConfig({
  root: here,
  base: '/console/',
  logLevel: 'warn',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: resolve(here, '../../dist/console'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
    sourcemap: false,
  },
});
