// Budget check: the JavaScript the first page loads must stay under 100 KB gzipped, the bundled
// plugins' UI modules included (as when every bundled plugin is enabled).
// "First page" = the entry script in dist/index.html plus every chunk it imports statically
// (modulepreload links and the static import graph recorded in the Vite manifest-free output).
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUDGET = 100 * 1024;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const indexPath = join(dist, 'index.html');
if (!existsSync(indexPath)) {
  console.error(`check-size: ${indexPath} is missing; run "npm run build" first.`);
  process.exit(2);
}
const html = readFileSync(indexPath, 'utf8');
if (/<script(?![^>]*\bsrc=)[^>]*>/i.test(html) || /<style[\s>]/i.test(html) || /\sstyle=/i.test(html)) {
  console.error('check-size: index.html contains an inline script or style; the server CSP forbids them.');
  process.exit(1);
}
if (/(src|href)="(https?:)?\/\//i.test(html)) {
  console.error('check-size: index.html references another origin; Quartier loads nothing from third parties.');
  process.exit(1);
}
const roots = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const seen = new Set();
const queue = [...roots];
while (queue.length) {
  const file = queue.pop();
  if (seen.has(file)) continue;
  seen.add(file);
  const code = readFileSync(join(dist, file), 'utf8');
  // Static imports between chunks: `import ... from"./x.js"` or `import"./x.js"` (not import()).
  for (const m of code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[^'"();]*?from\s*)?["']\.\/([^"']+\.js)["']/g)) {
    queue.push('assets/' + m[1]);
  }
}
let total = 0;
for (const file of seen) {
  const size = gzipSync(readFileSync(join(dist, file))).length;
  total += size;
  console.log(`  ${file}: ${(size / 1024).toFixed(1)} KB gzipped`);
}
// Bundled plugins' UI modules load on the first page too when enabled: count each module and
// what it imports statically from its folder (plugins/<name>/ui/).
const pluginsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'plugins');
for (const name of existsSync(pluginsDir) ? readdirSync(pluginsDir).sort() : []) {
  const uiDir = join(pluginsDir, name, 'ui');
  if (!existsSync(join(uiDir, 'ui.js'))) continue;
  const pending = ['ui.js'];
  const done = new Set();
  while (pending.length) {
    const file = pending.pop();
    if (done.has(file) || !existsSync(join(uiDir, file))) continue;
    done.add(file);
    const code = readFileSync(join(uiDir, file), 'utf8');
    for (const m of code.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s*["']\.\/([^"']+\.js)["']/gm)) pending.push(m[1]);
  }
  let size = 0;
  for (const file of done) size += gzipSync(readFileSync(join(uiDir, file))).length;
  total += size;
  console.log(`  plugin ${name} (${[...done].join(', ')}): ${(size / 1024).toFixed(1)} KB gzipped`);
}
const verdict = total <= BUDGET ? 'ok' : 'OVER BUDGET';
console.log(`first-page JavaScript: ${(total / 1024).toFixed(1)} KB gzipped of ${BUDGET / 1024} KB budget: ${verdict}`);
process.exit(total <= BUDGET ? 0 : 1);
