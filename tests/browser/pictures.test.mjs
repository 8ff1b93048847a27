// Pictures in posts on a 360 px phone, against the real server:
// - Greta picks two pictures in the composer; each uploads at once and asks for a description;
//   posting without one is refused with the words and the focus on the empty field; with both
//   described the card shows the two as a thumbnail grid (width/height set, lazily loaded, the
//   descriptions as alt text) and nothing is wider than the screen;
// - her profile picture shows beside her name on the card;
// - on the post's page the pictures open in a viewer that works by keyboard (arrow keys, Escape),
//   and the focus returns to the picture that opened it.
// Every state passes axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { suiteGate } from './lib/env.mjs';
import { startServer } from './lib/server.mjs';
import { launch, newSession } from './lib/browser.mjs';
import { addUser, checkPage, login, createNeighbourhood, shoot } from './lib/accounts.mjs';
import { drawnPicture } from './lib/pictures.mjs';

const gate = suiteGate();
let server;
let browser;
const sessions = [];
const run = Date.now().toString(36);

before(async () => {
  if (gate.skip || gate.missing.length) return;
  server = await startServer();
  browser = await launch();
});

after(async () => {
  for (const s of sessions) await s.context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

async function phone() {
  const s = await newSession(browser, server.url, { width: 360, height: 780 });
  sessions.push(s);
  return s;
}

test('Greta posts two described pictures on a phone; the card shows them, the viewer works by keyboard', { skip: gate.skip }, async () => {
  addUser(server, { email: `admin-${run}@example.org`, name: 'Admin', role: 'admin' });
  const admin = await phone();
  await login(admin, `admin-${run}@example.org`);
  await createNeighbourhood(admin, 'Altstadt', 'altstadt');
  addUser(server, { email: `greta-${run}@example.org`, name: 'Greta Grün', neighbourhood: 'altstadt' });

  const greta = await phone();
  await login(greta, `greta-${run}@example.org`);
  const { page } = greta;
  // A profile picture, uploaded as the settings page does.
  const face = await drawnPicture(page, 300, 300, 200);
  const avatarStatus = await page.evaluate(async (b64) => {
    const me = await (await fetch('/api/me')).json();
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const r = await fetch('/api/me/avatar', { method: 'PUT', headers: { 'X-CSRF-Token': me.csrf_token }, body: bytes });
    return r.status;
  }, face.toString('base64'));
  assert.equal(avatarStatus, 200);

  await page.getByLabel('Was gibt es Neues in Ihrem Quartier?').fill('Flohmarkt im Hof: Bücher und Spielzeug');
  await page.locator('.composer input[type=file]').setInputFiles([
    { name: 'buecher.png', mimeType: 'image/png', buffer: await drawnPicture(page, 1200, 900, 20) },
    { name: 'spielzeug.png', mimeType: 'image/png', buffer: await drawnPicture(page, 800, 1000, 120) },
  ]);
  const first = page.getByLabel('Beschreibung von Bild 1 (Alternativtext)');
  const second = page.getByLabel('Beschreibung von Bild 2 (Alternativtext)');
  await second.waitFor();
  await checkPage(server, greta, 'composer with two pictures waiting for descriptions');

  // Without descriptions the composer asks, and takes the focus to the first empty field.
  await first.fill('Ein Tisch voller Bücher');
  await page.getByRole('button', { name: 'Veröffentlichen' }).click();
  await page.getByRole('alert').filter({ hasText: 'Bitte beschreiben Sie jedes Bild' }).waitFor();
  assert.equal(await second.evaluate((el) => el === document.activeElement), true, 'the focus is on the empty description');
  await second.fill('Eine Kiste mit Holzspielzeug');
  await page.getByRole('button', { name: 'Veröffentlichen' }).click();

  const card = page.locator('.item-card', { hasText: 'Flohmarkt im Hof' });
  await card.waitFor();
  const grid = card.locator('.picture-grid img');
  await page.waitForFunction(
    () => [...document.querySelectorAll('.item-card .picture-grid img')].length === 2 &&
      [...document.querySelectorAll('.item-card .picture-grid img')].every((i) => i.complete && i.naturalWidth > 0),
  );
  assert.deepEqual(await grid.evaluateAll((imgs) => imgs.map((i) => i.alt)), ['Ein Tisch voller Bücher', 'Eine Kiste mit Holzspielzeug']);
  for (const attrs of await grid.evaluateAll((imgs) => imgs.map((i) => [i.getAttribute('width'), i.getAttribute('height'), i.loading, i.srcset]))) {
    assert.ok(Number(attrs[0]) > 0 && Number(attrs[1]) > 0, `width and height are set: ${attrs}`);
    assert.equal(attrs[2], 'lazy');
    assert.match(attrs[3], /size=320 \d+w/);
  }
  // Her profile picture beside her name.
  const avatar = card.locator('img.avatar');
  assert.match(await avatar.getAttribute('src'), /^\/api\/users\/\d+\/avatar\?v=\w+&size=64$/);
  await page.waitForFunction(() => document.querySelector('.item-card img.avatar')?.naturalWidth > 0);
  // Nothing wider than the phone.
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling at 360 px');
  await checkPage(server, greta, 'stream card with two pictures');
  await shoot(browser, greta, 'pictures-card-phone');

  // The post's page: full size; the viewer by keyboard.
  await card.getByRole('link', { name: 'Ein Tisch voller Bücher' }).click();
  const open = page.getByRole('button', { name: /Bild 1 vergrößern/ });
  await open.waitFor();
  await open.focus();
  await page.keyboard.press('Enter');
  const viewer = page.getByRole('dialog', { name: 'Bildansicht' });
  await viewer.waitFor();
  await viewer.getByText('Bild 1 von 2: Ein Tisch voller Bücher').waitFor();
  await checkPage(server, greta, 'picture viewer');
  await page.keyboard.press('ArrowRight');
  await viewer.getByText('Bild 2 von 2: Eine Kiste mit Holzspielzeug').waitFor();
  assert.equal(await viewer.locator('img').getAttribute('alt'), 'Eine Kiste mit Holzspielzeug');
  await shoot(browser, greta, 'pictures-viewer-phone');
  await page.keyboard.press('Escape');
  await viewer.waitFor({ state: 'detached' });
  assert.equal(await open.evaluate((el) => el === document.activeElement), true, 'the focus is back on the picture');
});
