// Long lists load more as you scroll (and by a button, for the keyboard): notifications,
// comments, search results and the admin people list. Also the edit history of a post and
// neighbourhood editing (with the boundary as GeoJSON text) in the administration.
// axe-core on every page, no foreign requests, screenshots of the new pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { suiteGate } from './lib/env.mjs';
import { startServer } from './lib/server.mjs';
import { launch, newSession } from './lib/browser.mjs';
import { PASSWORD, checkPage as checkPageWith, shoot as shootWith, login, addUser, createNeighbourhood } from './lib/accounts.mjs';

const gate = suiteGate();
let server;
let browser;
const sessions = [];
const run = Date.now().toString(36);

before(async () => {
  if (gate.skip || gate.missing.length) return;
  // Many posts, comments and registrations in a short time: the limits are raised for this test.
  server = await startServer({ extraToml: '[auth]\nwrites_per_user_10min = 1000\nregistrations_per_ip_30min = 1000\n' });
  browser = await launch();
});

after(async () => {
  for (const s of sessions) await s.context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

const checkPage = (session, label) => checkPageWith(server, session, label);
const shoot = (session, name) => shootWith(browser, session, name);

/** Runs write requests from a signed-in page (its session cookie and CSRF token). */
function writeAll(session, requests) {
  return session.page.evaluate(async (list) => {
    const me = await (await fetch('/api/me')).json();
    const out = [];
    for (const { method, path, body } of list) {
      const r = await fetch(path, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
      out.push(r.status === 204 ? null : await r.json());
    }
    return out;
  }, requests);
}

/** Scrolls to the end of the page until `locator` has `count` entries (each scroll waits for the next entry). */
async function scrollUntil(page, locator, count) {
  let shown = await locator.count();
  while (shown < count) {
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await locator.nth(shown).waitFor({ timeout: 15_000 }).catch(() => assert.fail(`expected ${count} entries after scrolling, found ${shown}`));
    shown = await locator.count();
  }
}

test('lists load more as you scroll; edit history; neighbourhood editing', { skip: gate.skip }, async (t) => {
  const monaMail = `mona-${run}@example.org`;
  const annaMail = `anna-${run}@example.org`;
  const benMail = `ben-${run}@example.org`;
  addUser(server, { email: monaMail, name: 'Mona Admin', role: 'admin' });
  const mona = await newSession(browser, server.url);
  const anna = await newSession(browser, server.url);
  const ben = await newSession(browser, server.url);
  sessions.push(mona, anna, ben);
  await login(mona, monaMail);
  await createNeighbourhood(mona, 'Bachviertel', `bach-${run}`);
  addUser(server, { email: annaMail, name: 'Anna Auenweg', neighbourhood: `bach-${run}` });
  addUser(server, { email: benMail, name: 'Ben Bachlauf', neighbourhood: `bach-${run}` });
  await login(anna, annaMail);
  await login(ben, benMail);
  const word = `Schleusenfest${run}`;
  let postId = 0;

  await t.test('comments: 60 on one post, 50 at first, the rest as you scroll', async () => {
    const [post] = await writeAll(anna, [{ method: 'POST', path: '/api/posts', body: { container_id: 0, body: `Flohmarkt am Ufer ${word}` } }]);
    postId = post.id ?? post.item?.id;
    assert.ok(postId, 'the post was created');
    await writeAll(
      ben,
      Array.from({ length: 60 }, (_, i) => ({ method: 'POST', path: `/api/content/${postId}/comments`, body: { body: `Kommentar Nummer ${i + 1}` } })),
    );
    const { page } = anna;
    await page.goto(`/content/${postId}`);
    const comments = page.locator('.comment');
    await comments.nth(49).waitFor({ timeout: 10_000 });
    assert.equal(await comments.count(), 50, 'the first page shows 50 comments');
    await checkPage(anna, 'item with 50 of 60 comments');
    await scrollUntil(page, comments, 60);
    assert.equal(await comments.count(), 60);
    await page.locator('.comment', { hasText: 'Kommentar Nummer 60' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Weitere Kommentare laden' }).count(), 0, 'no button once all are shown');
    await checkPage(anna, 'item with all comments');
  });

  await t.test('notifications: more than a page, the rest as you scroll (and by the button)', async () => {
    const { page } = anna;
    const first = await page.evaluate(async () => (await (await fetch('/api/notifications?limit=100')).json()).items.length);
    assert.ok(first > 30, `Anna has more than 30 notifications (${first})`);
    // Without IntersectionObserver (old browsers), the button loads the next page.
    const keyboard = await newSession(browser, server.url);
    sessions.push(keyboard);
    await keyboard.context.addInitScript(() => {
      delete window.IntersectionObserver;
    });
    await login(keyboard, annaMail);
    await keyboard.page.goto('/notifications');
    const entries = keyboard.page.locator('.notification-list li');
    await entries.nth(29).waitFor({ timeout: 10_000 });
    assert.equal(await entries.count(), 30);
    const more = keyboard.page.getByRole('button', { name: 'Weitere Benachrichtigungen laden' });
    await more.focus();
    await keyboard.page.keyboard.press('Enter');
    await entries.nth(30).waitFor({ timeout: 10_000 });
    // Loading more was announced to screen readers.
    await keyboard.page.locator('[aria-live="polite"]', { hasText: 'weitere Einträge geladen' }).waitFor({ timeout: 5_000 });
    await checkPage(keyboard, '/notifications after the button');

    await page.goto('/notifications');
    const list = page.locator('.notification-list li');
    await list.nth(29).waitFor({ timeout: 10_000 });
    await scrollUntil(page, list, Math.min(first, 60));
    await checkPage(anna, '/notifications after scrolling');
    await shoot(anna, 'notifications-more-desktop');
  });

  await t.test('search: 25 hits, 20 at first, the rest as you scroll', async () => {
    await writeAll(
      anna,
      Array.from({ length: 24 }, (_, i) => ({ method: 'POST', path: '/api/posts', body: { container_id: 0, body: `Stand ${i + 1} beim ${word}` } })),
    );
    const { page } = anna;
    await page.goto(`/search?q=${word}`);
    const hits = page.locator('.item-card');
    await hits.nth(19).waitFor({ timeout: 10_000 });
    assert.equal(await hits.count(), 20);
    await checkPage(anna, 'search, first page');
    await scrollUntil(page, hits, 25);
    await page.locator('main').getByText('Alle Treffer werden angezeigt.').waitFor({ timeout: 10_000 });
    await checkPage(anna, 'search, all results');
  });

  await t.test('admin people list: more than 50 accounts, the rest as you scroll', async () => {
    for (let i = 0; i < 52; i++) {
      const r = await fetch(`${server.url}/api/auth/register`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: `nachbar${i}-${run}@example.org`, password: PASSWORD, display_name: `Nachbar ${i}`, accept_terms: true }),
      });
      assert.ok(r.ok, `registration ${i}: ${r.status} ${await r.text()}`);
    }
    const { page } = mona;
    await page.goto('/admin/people');
    const people = page.locator('.person');
    await people.nth(49).waitFor({ timeout: 10_000 });
    assert.equal(await people.count(), 50);
    await checkPage(mona, '/admin/people, first page');
    await scrollUntil(page, people, 55);
    await page.locator('main').getByText('Alle Personen werden angezeigt.').waitFor({ timeout: 10_000 });
    await checkPage(mona, '/admin/people, all');
  });

  await t.test('edit history: an edited post links to its earlier versions', async () => {
    await writeAll(anna, [
      { method: 'PATCH', path: `/api/content/${postId}`, body: { body: `Flohmarkt am Ufer, jetzt am Sonntag ${word}` } },
      { method: 'PATCH', path: `/api/content/${postId}`, body: { body: `Flohmarkt am Ufer, Sonntag ab 10 Uhr ${word}` } },
    ]);
    const { page } = ben;
    await page.goto(`/content/${postId}`);
    await page.getByRole('link', { name: /bearbeitet – frühere Fassungen ansehen/ }).click();
    await page.getByRole('heading', { level: 1, name: /^Bearbeitungsverlauf/ }).waitFor({ timeout: 10_000 });
    await page.getByRole('heading', { level: 2, name: /Aktuelle Fassung/ }).waitFor();
    await page.locator('.revision.current').getByText('Sonntag ab 10 Uhr').waitFor();
    await page.locator('.revision:not(.current)', { hasText: `Flohmarkt am Ufer ${word}` }).waitFor();
    await page.locator('.revision:not(.current)', { hasText: 'jetzt am Sonntag' }).waitFor();
    assert.equal(await page.locator('.revision:not(.current)').count(), 2);
    await checkPage(ben, 'edit history');
    await shoot(ben, 'history-desktop');
    const phone = await newSession(browser, server.url, { width: 360, height: 740 });
    sessions.push(phone);
    await login(phone, benMail);
    await phone.page.goto(`/content/${postId}/history`);
    await phone.page.locator('.revision').nth(2).waitFor({ timeout: 10_000 });
    await checkPage(phone, 'edit history at 360 px');
    await shoot(phone, 'history-phone');
  });

  await t.test('an admin edits a neighbourhood: name, postcodes, boundary as GeoJSON', async () => {
    await createNeighbourhood(mona, 'Auenviertel', `auen-${run}`);
    const { page } = mona;
    await page.goto('/admin/neighbourhoods');
    const entry = page.locator('.hood', { hasText: 'Auenviertel' });
    await entry.getByRole('button', { name: 'Bearbeiten Auenviertel' }).click();
    const form = entry.locator('form');
    await form.getByLabel(/^Name/).fill('Auenviertel Nord');
    await form.getByLabel('Postleitzahlen').fill('10115 10117');
    await form.getByLabel('Beschreibung').fill('Zwischen Kanal und Park.');
    // Not JSON: said in words before anything is sent.
    await form.getByLabel('Gebietsgrenze (GeoJSON)').fill('{"type": "Polygon", ');
    await form.getByRole('button', { name: 'Speichern' }).click();
    await form.locator('[role="alert"]').getByText('kein gültiges JSON').waitFor();
    await checkPage(mona, 'neighbourhood form with a JSON error');
    await shoot(mona, 'neighbourhood-edit-desktop');
    await page.setViewportSize({ width: 360, height: 740 });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(wide <= 1, `the neighbourhood form scrolls sideways by ${wide}px at 360 px`);
    await checkPage(mona, 'neighbourhood form at 360 px');
    await shoot(mona, 'neighbourhood-edit-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    // JSON the server refuses as a boundary: its message is shown as it is.
    await form.getByLabel('Gebietsgrenze (GeoJSON)').fill('"Kanalufer"');
    await form.getByRole('button', { name: 'Speichern' }).click();
    await form.locator('[role="alert"]').filter({ hasNotText: 'kein gültiges JSON' }).waitFor({ timeout: 10_000 });
    assert.equal(await form.count(), 1, 'the form stays open after the refusal');
    await checkPage(mona, 'neighbourhood form with the server refusing the boundary');
    const polygon = { type: 'Polygon', coordinates: [[[13.40, 52.52], [13.42, 52.52], [13.42, 52.53], [13.40, 52.52]]] };
    await form.getByLabel('Gebietsgrenze (GeoJSON)').fill(JSON.stringify(polygon));
    await form.getByRole('button', { name: 'Speichern' }).click();
    const saved = page.locator('.hood', { hasText: 'Auenviertel Nord' });
    await saved.getByText('mit Gebietsgrenze').waitFor({ timeout: 10_000 });
    await saved.getByText('10115, 10117').waitFor();
    const stored = await page.evaluate(async (slug) => {
      const list = (await (await fetch('/api/neighbourhoods')).json()).neighbourhoods;
      return list.find((n) => n.slug === slug) ?? null;
    }, `auen-${run}`);
    assert.equal(stored?.name, 'Auenviertel Nord');
    assert.deepEqual(stored?.polygon, polygon);
    await checkPage(mona, 'neighbourhoods after editing');
  });
});
