// The main path of a resident, end to end against the real server and the real UI:
// register, confirm through the mail outbox, sign in, post, a second person sees it live,
// comment, react, report, notifications, search, settings, data export, account deletion.
// Every page visited passes axe-core; no request leaves the server's origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { suiteGate } from './lib/env.mjs';
import { startServer } from './lib/server.mjs';
import { launch, newSession } from './lib/browser.mjs';
import { PASSWORD, checkPage as checkPageWith, shoot as shootWith, registerAndConfirm as registerWith, login, addUser, createNeighbourhood } from './lib/accounts.mjs';

const gate = suiteGate();
let server;
let browser;
let apiMissing = '';
const sessions = [];
const run = Date.now().toString(36);

before(async () => {
  if (gate.skip || gate.missing.length) return;
  server = await startServer();
  browser = await launch();
  // The accounts and stream APIs land separately; say which one is missing instead of failing
  // on a 404 deep inside a step.
  for (const [method, path] of [
    ['POST', '/api/auth/register'],
    ['GET', '/api/stream?scope=home'],
  ]) {
    const r = await fetch(server.url + path, { method, headers: { 'Content-Type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
    if (r.status === 404 || r.status === 405) {
      const body = await r.text();
      if (!/"code"\s*:\s*"(?!not_found)/.test(body) || r.status === 405) apiMissing += `${method} ${path} is not served (${r.status}); `;
    }
  }
});

after(async () => {
  for (const s of sessions) await s.context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});


const checkPage = (session, label) => checkPageWith(server, session, label);
const shoot = (session, name) => shootWith(browser, session, name);
const registerAndConfirm = (session, name, email) => registerWith(server, session, name, email);

test('resident flow: register, confirm, post, live, comment, react, report, settings, export, delete', { skip: gate.skip }, async (t) => {
  if (apiMissing) {
    t.skip(`the server has no accounts/stream API yet: ${apiMissing}`);
    return;
  }
  const anna = await newSession(browser, server.url);
  const ben = await newSession(browser, server.url);
  const mona = await newSession(browser, server.url);
  sessions.push(anna, ben, mona);
  const adminMail = `mona-${run}@example.org`;
  let phone;
  const annaMail = `anna-${run}@example.org`;
  const benMail = `ben-${run}@example.org`;
  const postText = `Wer hat Lust auf ein Hoffest am Samstag? ${run}`;

  await t.test('the operator creates the first admin, who sets up a neighbourhood', async () => {
    addUser(server, { email: adminMail, name: 'Mona', role: 'admin' });
    await login(mona, adminMail);
    const hood = await createNeighbourhood(mona, 'Kanalviertel', 'kanalviertel');
    assert.equal(hood.name, 'Kanalviertel');
  });

  await t.test('both register and confirm their address through the mail outbox', async () => {
    await registerAndConfirm(anna, 'Anna', annaMail);
    await registerAndConfirm(ben, 'Ben', benMail);
  });

  await t.test('both sign in and see their home stream', async () => {
    await login(anna, annaMail);
    await login(ben, benMail);
    await checkPage(anna, 'home stream');
    await shoot(anna, 'home-desktop');
  });

  await t.test('Anna posts; Ben sees it appear live without reloading', async () => {
    await anna.page.getByLabel('Was gibt es Neues in Ihrem Quartier?').fill(postText);
    await anna.page.getByRole('button', { name: 'Veröffentlichen' }).click();
    await anna.page.locator('.item-card', { hasText: postText }).waitFor({ timeout: 10_000 });
    await ben.page.locator('.item-card', { hasText: postText }).waitFor({ timeout: 15_000 });
    await checkPage(ben, 'stream with a post');
  });

  await t.test('Ben comments, reacts and reports on the item page', async () => {
    const { page } = ben;
    await page.locator('.item-card', { hasText: postText }).getByRole('link').first().click();
    await page.locator('main').getByText(postText).first().waitFor();
    await checkPage(ben, 'item page');
    await page.getByLabel('Ihr Kommentar').fill('Bin dabei, ich bringe Kuchen mit.');
    await page.getByRole('button', { name: 'Kommentar senden' }).click();
    await page.locator('.comment', { hasText: 'Kuchen' }).waitFor({ timeout: 10_000 });
    const like = page.getByRole('button', { name: 'Gefällt mir' });
    await like.click();
    await page.waitForFunction(() => document.querySelector('button[aria-pressed]')?.getAttribute('aria-pressed') === 'true');
    const report = page.locator('.report-section');
    await report.getByText('Diesen Beitrag der Moderation melden').click();
    await report.getByLabel('Grund').selectOption('spam');
    await report.getByRole('button', { name: 'Meldung senden' }).click();
    await page.locator('main').getByText('die Moderation sieht sich den Beitrag an').waitFor({ timeout: 10_000 });
    await checkPage(ben, 'item page after actions');
    await shoot(ben, 'item-desktop');
  });

  await t.test('Anna gets a notification with a live badge', async () => {
    const { page } = anna;
    await page.locator('.main-nav .badge').waitFor({ timeout: 15_000 });
    await page.getByRole('link', { name: /Benachrichtigungen/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Benachrichtigungen' }).waitFor();
    await page.locator('.notification-list li').first().waitFor({ timeout: 10_000 });
    // Each says who acted and where: Ben, in Anna's neighbourhood.
    await page.locator('.notification-list li', { hasText: /Ben hat Ihren Beitrag im Quartier .+ kommentiert/ }).waitFor();
    await page.locator('.notification-list li', { hasText: /Ben hat auf Ihren Beitrag im Quartier .+ reagiert/ }).waitFor();
    await checkPage(anna, 'notifications');
  });

  await t.test('search finds the post', async () => {
    const { page } = anna;
    // From the search field in the header, on whatever page she is.
    const header = page.getByRole('search', { name: 'Alles durchsuchen' });
    await header.getByLabel('Alles durchsuchen').fill(run);
    await header.getByLabel('Alles durchsuchen').press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Suche' }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get('q'), run);
    assert.equal(await page.getByRole('search', { name: 'Alles durchsuchen' }).count(), 0, 'the results page has its own field');
    await page.locator('.item-card', { hasText: postText }).waitFor({ timeout: 10_000 });
    await checkPage(anna, 'search');
  });

  await t.test('a moderator (here the admin) hides the reported post; Anna sees it hidden', async () => {
    await mona.page.goto('/');
    await mona.page.getByRole('link', { name: 'Moderation' }).click();
    const entry = mona.page.locator('.report-entry', { hasText: 'Werbung oder Spam' }).first();
    await entry.waitFor({ timeout: 10_000 });
    await checkPage(mona, '/moderation');
    await shoot(mona, 'moderation-desktop');
    // Hiding needs a reason; without one the page says so.
    await entry.getByRole('button', { name: 'Ausblenden' }).click();
    await entry.getByText('Bitte geben Sie eine Begründung an.').waitFor();
    await entry.getByLabel('Begründung').fill('Werbung ohne Bezug zum Quartier (Test).');
    await entry.getByRole('button', { name: 'Ausblenden' }).click();
    await mona.page.locator('main').getByText('Keine offenen Meldungen.').waitFor({ timeout: 10_000 });
    const item = await anna.page.evaluate(async (text) => {
      const s = await (await fetch('/api/stream?scope=home')).json();
      return s.items.find((i) => i.summary.includes(text) || i.body.includes(text)) ?? null;
    }, postText);
    assert.ok(!item || item.hidden, 'the post is hidden (or no longer listed) for its author');
  });

  await t.test('settings: profile saved, sessions listed, data export downloads JSON', async () => {
    const { page } = anna;
    await page.goto('/settings');
    await checkPage(anna, 'settings');
    await shoot(anna, 'settings-desktop');
    await page.getByLabel('Über mich').fill('Ich wohne am Kanal.');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.locator('main').getByText('Ihre Einstellungen sind gespeichert.').first().waitFor({ timeout: 10_000 });
    await page.locator('.session-list li').first().waitFor({ timeout: 10_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Meine Daten herunterladen/ }).click()]);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    const data = JSON.parse(readFileSync(path, 'utf8'));
    assert.ok(JSON.stringify(data).includes(annaMail), 'the export contains the account');
    // Nothing personal in the browser's storage.
    const storage = await page.evaluate(() => ({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) }));
    assert.deepEqual(storage, { local: [], session: [] });
    const cookies = await anna.context.cookies();
    assert.ok(cookies.length <= 2, `at most a session and a CSRF cookie (got ${cookies.map((c) => c.name).join(', ')})`);
  });

  await t.test('settings: profile picture with preview and errors in words, e-mail change asks for the password', async () => {
    const { page } = anna;
    await page.goto('/settings');
    // A text file named like a picture: refused by the server, explained in words.
    await page.getByLabel('Bild auswählen').setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: Buffer.from('Das ist kein Bild.\n') });
    await page.getByRole('button', { name: 'Bild hochladen' }).click();
    await page.locator('main [role=alert]').getByText('Dieses Dateiformat geht nicht.').waitFor({ timeout: 10_000 });
    // A real (tiny) PNG: preview, upload, then shown as the current picture.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    await page.getByLabel('Bild auswählen').setInputFiles({ name: 'ich.png', mimeType: 'image/png', buffer: png });
    await page.getByAltText('Vorschau des ausgewählten Bildes').waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Bild hochladen' }).click();
    await page.locator('main').getByText('Ihr Profilbild ist gespeichert.').first().waitFor({ timeout: 10_000 });
    const current = page.getByAltText('Ihr aktuelles Profilbild');
    await current.waitFor({ timeout: 10_000 });
    assert.ok(await current.evaluate((img) => img.complete && img.naturalWidth === 256), 'the stored picture loads at 256 px');
    await checkPage(anna, 'settings with a profile picture');
    // E-mail change: the wrong password is refused in words.
    await page.getByLabel('Neue E-Mail-Adresse').fill('anna.neu@example.de');
    await page.locator('#email').locator('xpath=..').getByLabel('Aktuelles Passwort').fill('Falsches-Passwort-1');
    await page.getByRole('button', { name: 'Bestätigungslink senden' }).click();
    await page.locator('main [role=alert]').getByText('Das Passwort stimmt nicht').waitFor({ timeout: 10_000 });
    await checkPage(anna, 'settings with an error');
  });

  await t.test('phone width: the signed-in pages fit and stay accessible', async () => {
    phone = await newSession(browser, server.url, { width: 360, height: 740 });
    sessions.push(phone);
    await login(phone, annaMail);
    await checkPage(phone, 'home stream at 360 px');
    await shoot(phone, 'home-phone');
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `the stream scrolls sideways by ${overflow}px at 360 px`);
    // 320 px (WCAG 1.4.10 reflow): no signed-in page scrolls sideways.
    await phone.page.setViewportSize({ width: 320, height: 700 });
    for (const path of ['/', '/neighbourhood', '/announcements', '/notifications', '/search?q=Hoffest', '/settings', `/people/${(await phone.page.evaluate(async () => (await (await fetch('/api/me')).json()).user.id))}`]) {
      await phone.page.goto(path);
      await phone.page.waitForSelector('main h1');
      await phone.page.waitForLoadState('networkidle');
      const wide = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(wide <= 1, `${path} scrolls sideways by ${wide}px at 320 px`);
      await checkPage(phone, `${path} at 320 px`);
    }
  });

  await t.test('the stream loads more as you scroll to its end', async () => {
    const { page } = anna;
    const made = await page.evaluate(async (tag) => {
      const me = await (await fetch('/api/me')).json();
      let ok = 0;
      for (let i = 1; i <= 25; i++) {
        const r = await fetch('/api/posts', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
          body: JSON.stringify({ body: `Beitrag ${i} zum Blättern ${tag}` }),
        });
        if (r.ok) ok++;
      }
      return ok;
    }, run);
    assert.equal(made, 25);
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Mein Stream' }).waitFor();
    await page.locator('.item-card').nth(19).waitFor({ timeout: 10_000 });
    const first = await page.locator('.item-card').count();
    assert.equal(first, 20, 'the first page shows 20 items');
    await page.locator('.item-card').last().scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.locator('.item-card').nth(24).waitFor({ timeout: 10_000 });
    await page.locator('main').getByText('Sie haben alle Beiträge gesehen.').waitFor({ timeout: 10_000 });
    await checkPage(anna, 'stream after loading more');
  });

  await t.test('Anna edits and then deletes one of her posts', async () => {
    const { page } = anna;
    await page.goto('/');
    await page.locator('.item-card', { hasText: `Beitrag 25 zum Blättern ${run}` }).getByRole('link').first().click();
    await page.getByRole('button', { name: 'Bearbeiten' }).click();
    await page.getByLabel('Text des Beitrags').fill(`Beitrag 25, korrigiert ${run}`);
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.locator('main .item-body').getByText(`Beitrag 25, korrigiert ${run}`).waitFor({ timeout: 10_000 });
    await checkPage(anna, 'item page after editing');
    await page.getByRole('button', { name: 'Beitrag löschen' }).click();
    await page.getByRole('button', { name: 'Ja, löschen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mein Stream' }).waitFor({ timeout: 10_000 });
    await page.locator('.item-card').first().waitFor();
    assert.equal(await page.locator('.item-card', { hasText: `korrigiert ${run}` }).count(), 0);
  });

  await t.test('Ben deletes his account and can no longer sign in', async () => {
    const { page } = ben;
    await page.goto('/settings#delete');
    const section = page.locator('section[aria-labelledby="delete"]');
    await section.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Ja, ich möchte mein Konto endgültig löschen.').check();
    await page.getByRole('button', { name: 'Konto löschen' }).click();
    await page.getByRole('heading', { level: 1, name: /Willkommen/ }).waitFor({ timeout: 15_000 });
    await page.goto('/login');
    await page.getByLabel('E-Mail-Adresse').fill(benMail);
    await page.getByLabel('Passwort').fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await page.locator('main form [role="alert"]').waitFor({ timeout: 10_000 });
    await checkPage(ben, 'login refused after deletion');
  });

  await t.test('signing out everywhere ends the other sessions; the other tab is told so', async () => {
    await phone.page.goto('/settings#sessions');
    await phone.page.getByRole('button', { name: 'Überall abmelden' }).click();
    await phone.page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor({ timeout: 10_000 });
    const { page } = anna;
    await page.getByRole('link', { name: /Benachrichtigungen/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor({ timeout: 10_000 });
    await page.locator('main').getByText('Ihre Anmeldung ist abgelaufen.').waitFor();
    assert.match(page.url(), /\/login\?expired=1&next=%2Fnotifications/);
    await checkPage(anna, 'login after the session ended');
  });
});
