// The web app manifest agrees with the CSS tokens and points at icons that exist; the push key
// decodes to the 65-byte point PushManager.subscribe expects.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyBytes } from './pushDevice';

const frontend = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(frontend, 'public', 'manifest.webmanifest'), 'utf8'));
const css = readFileSync(join(frontend, 'src', 'styles.css'), 'utf8');
const token = (name: string) => new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{6})`).exec(css)?.[1];

describe('web app manifest', () => {
  it('takes its colours from the CSS tokens', () => {
    expect(manifest.theme_color).toBe(token('primary'));
    expect(manifest.background_color).toBe(token('bg'));
    const html = readFileSync(join(frontend, 'index.html'), 'utf8');
    expect(html).toContain(`<meta name="theme-color" content="${token('primary')}" />`);
  });

  it('is German and lists icons that exist, 192 and 512 px and a maskable one', () => {
    expect(manifest.lang).toBe('de');
    expect(manifest.short_name).toBe('Quartier');
    for (const icon of manifest.icons) expect(existsSync(join(frontend, 'public', icon.src)), icon.src).toBe(true);
    const sizes = manifest.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`);
    expect(sizes).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
  });
});

describe('keyBytes', () => {
  it('decodes base64url without padding', () => {
    const key = keyBytes('BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4');
    expect(key.length).toBe(65);
    expect(key[0]).toBe(4);
    expect([...keyBytes('_-8')]).toEqual([0xff, 0xef]);
  });
});
