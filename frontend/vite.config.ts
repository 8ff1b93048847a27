// Vite build for the Quartier shell.
// - JSX goes to Preact (automatic runtime), no framework preset needed.
// - Every emitted asset gets a precompressed .gz twin so the server can send it as is.
// - No inline module preload polyfill: the server's CSP forbids inline scripts.
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { gzipSync, constants } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serviceWorker } from './scripts/pwa-plugin';

function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'quartier-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    // After the files are written (index.html included), write a .gz twin of each text file.
    writeBundle(options, bundle) {
      const dir = options.dir ?? outDir;
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|json|txt)$/.test(fileName)) continue;
        const data = readFileSync(join(dir, fileName));
        if (data.length < 256) continue;
        writeFileSync(join(dir, fileName + '.gz'), gzipSync(data, { level: constants.Z_BEST_COMPRESSION }));
      }
    },
  };
}

export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  plugins: [precompress(), serviceWorker(fileURLToPath(new URL('./sw/sw.js', import.meta.url)))],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    target: 'es2020',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: true,
    sourcemap: false,
    emptyOutDir: true,
  },
  server: { proxy: { '/api': { target: process.env.QUARTIER_API ?? 'http://127.0.0.1:8080', ws: true } } },
  preview: { proxy: { '/api': { target: process.env.QUARTIER_API ?? 'http://127.0.0.1:8080', ws: true } } },
  // Component and hook tests (*.test.tsx) say `// @vitest-environment happy-dom` at their top.
  test: { environment: 'node', include: ['src/**/*.test.{ts,tsx}'] },
});
