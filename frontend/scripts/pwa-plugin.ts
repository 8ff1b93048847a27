// Vite plugin: writes dist/sw.js from sw/sw.js with the app shell it caches at install (the
// entry script and what it imports statically, the styles, index.html, manifest and icons) and a
// version made from those file names (hashed), so every build with other assets is a new
// service worker that the page offers to load ("Neue Version verfügbar – neu laden").
import type { Plugin } from 'vite';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const STATIC_SHELL = ['/index.html', '/manifest.webmanifest', '/favicon.svg', '/icons/icon-192.png', '/icons/icon-512.png'];

export function serviceWorker(source: string): Plugin {
  return {
    name: 'quartier-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const shell = new Set<string>(STATIC_SHELL);
      for (const [name, item] of Object.entries(bundle)) {
        if (item.type === 'chunk' && item.isEntry) {
          shell.add(`/${name}`);
          for (const imported of item.imports) shell.add(`/${imported}`);
        }
        if (item.type === 'asset' && name.endsWith('.css')) shell.add(`/${name}`);
      }
      const list = [...shell].sort();
      const version = createHash('sha256').update(list.join('\n')).digest('hex').slice(0, 12);
      const code = readFileSync(source, 'utf8')
        .replace('self.__QUARTIER_SHELL__', JSON.stringify(list))
        .replace('__QUARTIER_VERSION__', version);
      if (code.includes('__QUARTIER_')) this.error('sw/sw.js: a placeholder was not filled in');
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: code });
    },
  };
}
