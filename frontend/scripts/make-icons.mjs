// Renders the app icons once from their SVGs with Debian's chromium (playwright-core), for the
// web app manifest and iOS: icon-192.png, icon-512.png, maskable-512.png (the house inside the
// 80 % safe zone, for launchers that cut the icon into a circle), apple-touch-icon.png (180).
// The PNGs are committed; run again only when an SVG changes:
//   node scripts/make-icons.mjs
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');
const jobs = [
  ['icon.svg', 'icon-192.png', 192],
  ['icon.svg', 'icon-512.png', 512],
  ['maskable.svg', 'maskable-512.png', 512],
  ['maskable.svg', 'apple-touch-icon.png', 180],
];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  for (const [svg, png, size] of jobs) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const data = readFileSync(join(dir, svg)).toString('base64');
    await page.setContent(`<html><body style="margin:0;background:transparent"><img width="${size}" height="${size}" src="data:image/svg+xml;base64,${data}"></body></html>`);
    await page.locator('img').evaluate((img) => img.decode());
    await page.screenshot({ path: join(dir, png), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    await page.close();
    console.log(`${png}: ${size}x${size}`);
  }
} finally {
  await browser.close();
}
