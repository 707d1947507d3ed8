// Builds the viewer into dist/web, next to the compiled CLI that serves it (`swarmsim view`).
// Relative asset URLs (base './') let the same build also open as plain static files.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
  },
  server: { fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
});
