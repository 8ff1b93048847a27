// The installable app on a phone (360 px), on the real server with the built web UI:
// - the web app manifest (German name, icons in their sizes, theme colour = the CSS token) and the
//   service worker are served with the right type and cache headers, allowed by the CSP;
// - the worker caches the app shell, never an /api answer; offline, the app starts from the
//   cache and says it is offline (German), and says so no more once back online;
// - a new version waits and is offered ("Neue Version verfügbar – neu laden"), loaded on request;
// - with the server itself gone, the app still starts from the cache and says so;
// - push settings: the browser is asked for permission only when the button is pressed, devices
//   are listed and removable; axe-core clean on every state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suiteGate, webRoot } from './lib/env.mjs';
import { startServer } from './lib/server.mjs';
import { axe, formatViolations, launch, newSession } from './lib/browser.mjs';
import { checkPage, login, addUser, createNeighbourhood, shoot } from './lib/accounts.mjs';
import { apiAs } from './lib/faults.mjs';

const gate = suiteGate();
let server;
let browser;
let root;
const sessions = [];
const run = Date.now().toString(36);
const PHONE = { width: 360, height: 740 };

before(async () => {
  if (gate.skip || gate.missing.length) return;
  // A copy of the built UI, so the test can publish a new service worker version.
  root = mkdtempSync(join(tmpdir(), 'quartier-pwa-web-'));
  cpSync(webRoot, root, { recursive: true });
  server = await startServer({ root });
  browser = await launch();
});

after(async () => {
  for (const s of sessions) await s.context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function session(opts) {
  const s = await newSession(browser, server.url, opts);
  sessions.push(s);
  return s;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes) {
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

/** Every URL path in the worker's caches. */
async function cachedPaths(page) {
  return page.evaluate(async () => {
    const out = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const r of await cache.keys()) out.push(new URL(r.url).pathname);
    }
    return out;
  });
}

test('push settings ask for permission only on a button press; devices are listed and removable', { skip: gate.skip }, async () => {
  addUser(server, { email: `admin-${run}@example.org`, name: 'Admin', role: 'admin' });
  const admin = await session();
  await login(admin, `admin-${run}@example.org`);
  await createNeighbourhood(admin, 'Altstadt', `altstadt-${run}`);
  addUser(server, { email: `ole-${run}@example.org`, name: 'Ole Ostwind', neighbourhood: `altstadt-${run}` });
  const s = await session(PHONE);
  const { page } = s;
  await page.addInitScript(() => {
    window.__permissionAsked = 0;
    const ask = Notification.requestPermission.bind(Notification);
    Notification.requestPermission = (...args) => {
      window.__permissionAsked += 1;
      return ask(...args);
    };
  });
  await login(s, `ole-${run}@example.org`);
  // A device registered elsewhere (the RFC 8291 example keys on a public https push service).
  await apiAs(page, 'POST', '/api/push/subscriptions', {
    endpoint: `https://push.example.net/wpush/${run}`,
    keys: { p256dh: 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4', auth: 'BTBZMqHH6r4Tts7J_aSIgg' },
    topics: ['mentions', 'urgent'],
  });
  await page.goto('/settings');
  const section = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Push-Benachrichtigungen' }) });
  await section.waitFor();
  await section.getByRole('heading', { level: 3, name: 'Geräte mit Push' }).waitFor();
  assert.equal(await page.evaluate(() => window.__permissionAsked), 0, 'no permission prompt before the button');
  await checkPage(server, s, 'settings with push');
  await shoot(browser, s, 'pwa-push-settings-360');
  const enable = section.getByRole('button', { name: 'Push auf diesem Gerät einschalten' });
  if (await enable.count()) {
    for (const label of ['Erwähnungen', 'Antworten und Kommentaren zu meinen Beiträgen', 'dringenden Bekanntmachungen der Verwaltung'])
      assert.ok(await section.getByLabel(label).isChecked(), label);
    // Allowed when asked; headless Chromium then cannot reach a push service, and the page
    // says so in words (or, with a push service, the device is on).
    await s.context.grantPermissions(['notifications'], { origin: server.url });
    await enable.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__permissionAsked === 1);
    const outcome = section.getByRole('alert').or(section.getByText('Push ist auf diesem Gerät eingeschaltet.').first());
    await outcome.first().waitFor({ timeout: 20_000 });
    if (await section.getByRole('alert').count())
      assert.match(await section.getByRole('alert').innerText(), /Push-Dienst anmelden/);
    await checkPage(server, s, 'push switched on, or refused with a reason');
  } else {
    await section.getByText('Dieser Browser kann keine Push-Benachrichtigungen empfangen').waitFor();
  }
  const remove = section.getByRole('button', { name: /^Entfernen/ });
  assert.equal(await remove.count(), 1);
  await remove.focus();
  await page.keyboard.press('Enter');
  await section.getByText('Auf keinem Gerät eingeschaltet.').waitFor();
  const left = await apiAs(page, 'GET', '/api/push/subscriptions');
  assert.deepEqual(left.items, []);
  await checkPage(server, s, 'push device removed');
});

test('installable app: manifest, icons, service worker, offline start and update on a phone', { skip: gate.skip }, async (t) => {
  addUser(server, { email: `pia-${run}@example.org`, name: 'Pia Pendel', neighbourhood: `altstadt-${run}` });
  const s = await session(PHONE);
  const { page } = s;

  await t.test('the manifest names the app in German, with icons and the theme colour of the CSS', async () => {
    await page.goto('/');
    await page.locator('main h1').waitFor();
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    const res = await page.request.get(href);
    assert.equal(res.status(), 200);
    assert.equal(res.headers()['content-type'], 'application/manifest+json');
    assert.equal(res.headers()['cache-control'], 'no-cache');
    const manifest = await res.json();
    assert.equal(manifest.lang, 'de');
    assert.match(manifest.name, /Nachbarschaft/);
    assert.equal(manifest.display, 'standalone');
    assert.equal(manifest.start_url, '/');
    const token = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--primary').trim());
    assert.equal(manifest.theme_color, token, 'theme_color is the --primary token');
    assert.equal(await page.locator('meta[name="theme-color"]').getAttribute('content'), token);
    const sizes = new Set();
    for (const icon of manifest.icons.filter((i) => i.type === 'image/png')) {
      const r = await page.request.get(icon.src);
      assert.equal(r.headers()['content-type'], 'image/png', icon.src);
      const [w, h] = pngSize(await r.body());
      assert.equal(`${w}x${h}`, icon.sizes, icon.src);
      sizes.add(`${icon.sizes} ${icon.purpose}`);
    }
    for (const want of ['192x192 any', '512x512 any', '512x512 maskable']) assert.ok(sizes.has(want), `icon ${want}`);
    const csp = (await page.request.get('/')).headers()['content-security-policy'];
    assert.match(csp, /manifest-src 'self'/);
    assert.match(csp, /worker-src 'self'/);
    const sw = await page.request.get('/sw.js');
    assert.equal(sw.headers()['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(sw.headers()['cache-control'], 'no-cache');
  });

  await t.test('the worker takes the page and caches the shell, never an API answer', async () => {
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
    await login(s, `pia-${run}@example.org`);
    await page.goto('/notifications');
    await page.locator('main h1').waitFor();
    const paths = await cachedPaths(page);
    for (const want of ['/index.html', '/manifest.webmanifest', '/icons/icon-192.png']) assert.ok(paths.includes(want), `${want} in ${paths}`);
    assert.ok(paths.some((p) => /^\/assets\/index-[\w-]+\.js$/.test(p)), 'the entry script is cached');
    assert.deepEqual(paths.filter((p) => p.startsWith('/api')), [], 'no API answer in any cache');
    await checkPage(server, s, 'phone with service worker');
  });

  await t.test('offline, the app starts from the cache and says so; online again, the notice goes', async () => {
    await s.context.setOffline(true);
    const response = await page.reload();
    assert.ok(response.fromServiceWorker(), 'the page came from the service worker');
    const notice = page.locator('[data-offline]');
    await notice.waitFor({ timeout: 15_000 });
    assert.match(await notice.innerText(), /Offline\. Quartier zeigt, was auf diesem Gerät gespeichert ist/);
    await page.locator('main h1').waitFor();
    await checkPage(server, s, 'offline start');
    await shoot(browser, s, 'pwa-offline-360');
    await s.context.setOffline(false);
    await notice.waitFor({ state: 'detached', timeout: 15_000 });
  });

  await t.test('a new version waits, is offered, and loads when asked', async () => {
    await page.reload();
    await page.locator('main h1').waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const file = join(root, 'sw.js');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n// version 2 (pwa.test.mjs)\n`);
    rmSync(`${file}.gz`, { force: true });
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration('/')).update());
    const reload = page.getByRole('button', { name: 'neu laden' });
    await reload.waitFor({ timeout: 20_000 });
    assert.match(await page.locator('.app-update').innerText(), /Neue Version verfügbar/);
    await checkPage(server, s, 'update offered');
    await reload.focus();
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    await page.locator('main h1').waitFor();
    assert.equal(await page.locator('.app-update').count(), 0, 'no offer after the update');
    const waiting = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration('/')).waiting !== null);
    assert.equal(waiting, false, 'the new version is the active one');
  });

  await t.test('with the server gone, the app still starts from the cache and says it cannot reach it', async () => {
    await server.stop();
    const response = await page.reload();
    assert.ok(response.fromServiceWorker(), 'the page came from the service worker');
    await page.locator('[data-offline]').waitFor({ timeout: 15_000 });
    await page.locator('main h1').waitFor();
    const violations = await axe(page);
    assert.equal(formatViolations(violations), '', 'axe-core violations with the server gone');
  });
});
