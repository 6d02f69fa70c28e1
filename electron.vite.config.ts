import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Three bundles: main (Node, holds secrets), preload (sandboxed, CommonJS), renderer (Chromium only).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: { index: resolve('src/main/index.ts') },
        // native and Node-only packages stay external; electron-builder ships them in node_modules
        external: ['better-sqlite3'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        // customer: the customer display's own minimal preload (issue 14)
        input: { index: resolve('src/preload/index.ts'), customer: resolve('src/preload/customer.ts') },
        // a sandboxed preload cannot be an ES module
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    base: './',
    build: {
      outDir: 'out/renderer',
      // customer: the customer display's page (issue 14)
      rollupOptions: { input: { index: resolve('src/renderer/index.html'), customer: resolve('src/renderer/customer.html') } },
      // electron-vite leaves the renderer unminified by default; the shipped bundle is minified (JS and
      // CSS) and carries no source maps (they would ship the sources inside the app).
      minify: true,
      cssMinify: true,
      sourcemap: false,
    },
    plugins: [react()],
  },
});
