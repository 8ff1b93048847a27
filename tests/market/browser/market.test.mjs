// The market UI end to end on a phone-sized screen (320 px wide) against the real server with
// the market plugin enabled: a baker registers a business with a Markdown text, adds a photo (a
// non-photo refused, nothing stored) and sets its opening hours, and a resident finds it under
// "open now" (and not before) with its photo and the text rendered; a resident gives something away (with a
// Markdown text and a photo, a non-photo refused) and a neighbour sees both and contacts her
// through a direct message. Every page passes axe-core; nothing leaves
// the server's origin. Uses the shared browser helpers of tests/browser/lib.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { suiteGate } from '../../browser/lib/env.mjs';
import { startServer } from '../../browser/lib/server.mjs';
import { launch, newSession } from '../../browser/lib/browser.mjs';
import { checkPage as checkPageWith, login, addUser } from '../../browser/lib/accounts.mjs';
import { apiAs } from '../../browser/lib/faults.mjs';

const gate = suiteGate();
let server;
let browser;
const sessions = [];
const run = Date.now().toString(36);
const phone = { width: 320, height: 740 };
let businessPath = '';  // /market/businesses/<id>, once the baker registered it
// A 2x2 PNG: a real picture for the core's image pipeline.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==', 'base64');

before(async () => {
  if (gate.skip || gate.missing.length) return;
  server = await startServer({ extraToml: '[plugins]\nenabled = ["market"]\n' });
  browser = await launch();
});

after(async () => {
  for (const s of sessions) await s.context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

const checkPage = (session, label) => checkPageWith(server, session, label);

test('market: opening hours and "open now", giving away and being contacted', { skip: gate.skip }, async (t) => {
  assert.deepEqual(gate.missing, [], 'browser test prerequisites');
  const baker = await newSession(browser, server.url, phone);
  const anna = await newSession(browser, server.url, phone);
  const ben = await newSession(browser, server.url, phone);
  sessions.push(baker, anna, ben);
  const shop = `Bäckerei Korn ${run}`;
  const gift = `Kinderbücher zu verschenken ${run}`;
  const message = `Ich würde die Bücher gern morgen abholen ${run}`;

  await t.test('the admin draws the neighbourhood; three residents sign in', async () => {
    addUser(server, { email: `admin-${run}@example.org`, name: 'Admin', role: 'admin' });
    await login(baker, `admin-${run}@example.org`);
    const ring = [[7.80, 47.95], [7.90, 47.95], [7.90, 48.05], [7.80, 48.05], [7.80, 47.95]];
    await apiAs(baker.page, 'POST', '/api/neighbourhoods', { name: 'Altstadt', slug: 'altstadt', polygon: { type: 'Polygon', coordinates: [ring] } });
    await baker.page.context().clearCookies();
    for (const [name, mail] of [['Bäcker', 'baker'], ['Anna', 'anna'], ['Ben', 'ben']])
      addUser(server, { email: `${mail}-${run}@example.org`, name, neighbourhood: 'altstadt' });
    await login(baker, `baker-${run}@example.org`);
    await login(anna, `anna-${run}@example.org`);
    await login(ben, `ben-${run}@example.org`);
  });

  await t.test('the baker registers the business', async () => {
    const { page } = baker;
    await page.goto('/market');
    await page.getByRole('heading', { level: 1, name: 'Marktplatz' }).waitFor();
    await checkPage(baker, '/market');
    await page.getByRole('link', { name: 'Geschäfte vor Ort' }).click();
    await page.getByRole('link', { name: 'Geschäft eintragen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Neues Geschäftsprofil' }).waitFor();
    await checkPage(baker, '/market/businesses/new');
    await page.getByLabel('Name', { exact: true }).fill(shop);
    await page.getByLabel('Adresse').fill('Münsterplatz 3');
    await page.getByLabel('Breitengrad').fill('47.995');
    await page.getByLabel('Längengrad').fill('7.85');
    await page.getByLabel('Abholung möglich').check();
    await page.getByLabel('bar', { exact: true }).check();
    await page.getByLabel('Karte', { exact: true }).check();
    await page.getByLabel('Über uns (Markdown)').fill('**Frische Brötchen** ab 6 Uhr <script>window.pwned = 1</script> <img src=x onerror="window.pwned = 2">');
    await page.getByRole('button', { name: 'Geschäft eintragen' }).click();
    await page.getByRole('heading', { level: 2, name: shop }).waitFor({ timeout: 15_000 });
    await page.getByText('Noch nicht geprüft').first().waitFor();
    businessPath = new URL(page.url()).pathname;
    await page.locator('.market-description strong', { hasText: 'Frische Brötchen' }).waitFor({ timeout: 10_000 });
    await checkPage(baker, 'business page (manager)');
  });

  await t.test('the baker adds a photo to the profile; a file that is not one is refused, nothing stored', async () => {
    const { page } = baker;
    const api = `/api/p/market/businesses/${businessPath.split('/').pop()}`;
    await page.getByLabel('Foto hinzufügen').setInputFiles([{ name: 'laden.png', mimeType: 'image/png', buffer: Buffer.from('%PDF-1.4 kein Bild') }]);
    await page.getByRole('alert').filter({ hasText: 'kein Foto' }).waitFor({ timeout: 15_000 });
    await checkPage(baker, 'business photo refused');
    assert.equal((await apiAs(page, 'GET', api)).photos.length, 0, 'the refused file is not stored');
    assert.equal(await page.getByRole('img', { name: `${shop}, Foto 1` }).count(), 0);
    await page.getByLabel('Foto hinzufügen').setInputFiles([{ name: 'laden.png', mimeType: 'image/png', buffer: PNG }]);
    await page.getByRole('img', { name: `${shop}, Foto 1` }).waitFor({ timeout: 15_000 });
    assert.equal(await page.getByRole('alert').filter({ hasText: 'kein Foto' }).count(), 0, 'the refusal is gone after a good photo');
    assert.equal((await apiAs(page, 'GET', api)).photos.length, 1);
    await checkPage(baker, 'business photo added');
  });

  await t.test('without opening hours it is not among the businesses open now', async () => {
    const { page } = anna;
    await page.goto('/market/businesses');
    await page.getByLabel('Nur jetzt geöffnete').check();
    await page.getByRole('button', { name: 'Geschäfte suchen' }).click();
    await page.getByText('Keine passenden Geschäfte.').waitFor({ timeout: 10_000 });
    await checkPage(anna, '/market/businesses (none open)');
  });

  await t.test('the baker sets the hours; a bad range is refused in words first', async () => {
    const { page } = baker;
    await page.getByLabel('Montag').fill('18:00-09:00');
    await page.getByRole('button', { name: 'Öffnungszeiten speichern' }).click();
    await page.getByRole('alert').filter({ hasText: 'endet nicht nach' }).waitFor({ timeout: 10_000 });
    await checkPage(baker, 'hours refused');
    for (const day of ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'])
      await page.getByLabel(day, { exact: true }).fill('00:00-24:00');
    await page.getByLabel('Abweichende Tage').fill('2030-12-24: 09:00-12:00');
    await page.getByRole('button', { name: 'Öffnungszeiten speichern' }).click();
    await page.getByText('Jetzt geöffnet').first().waitFor({ timeout: 10_000 });
    await checkPage(baker, 'hours saved');
  });

  await t.test('the resident finds it open now, with its photo and its text rendered', async () => {
    const { page } = anna;
    await page.getByLabel('Quartier').selectOption({ label: 'Altstadt' });
    await page.getByRole('button', { name: 'Geschäfte suchen' }).click();
    const card = page.locator('.item-card').filter({ has: page.getByRole('link', { name: shop }) });
    await card.locator('img.market-thumb').waitFor({ timeout: 10_000 });  // the first photo in the directory
    assert.match(await card.locator('img.market-thumb').getAttribute('src'), /^\/api\/p\/market\//, 'the thumbnail comes from the server');
    assert.ok(await card.locator('img.market-thumb').evaluate((img) => img.complete && img.naturalWidth > 0), 'the thumbnail loads');
    await page.getByRole('link', { name: shop }).click();
    await page.getByRole('heading', { level: 2, name: shop }).waitFor({ timeout: 10_000 });
    await page.getByRole('img', { name: `${shop}, Foto 1` }).waitFor();
    await page.locator('.market-description strong', { hasText: 'Frische Brötchen' }).waitFor();
    assert.equal(await page.locator('.market-description script, .market-description img, .market-description [onerror]').count(), 0,
      'no raw HTML from the profile text');
    assert.equal(await page.evaluate(() => window.pwned), undefined, 'nothing of the text ran');
    await page.getByText('Jetzt geöffnet').first().waitFor();
    await page.getByRole('heading', { level: 3, name: 'Abweichende Tage' }).waitFor();
    await page.getByText('2030-12-24').waitFor();
    await page.getByText('Zahlung: Karte, bar').waitFor();
    await checkPage(anna, 'business page (resident)');
  });

  await t.test('anna gives children\'s books away', async () => {
    const { page } = anna;
    await page.goto('/market');
    await page.getByRole('link', { name: 'Anzeige aufgeben' }).click();
    await page.getByRole('heading', { level: 1, name: 'Neue Anzeige' }).waitFor();
    await checkPage(anna, '/market/new');
    await page.getByLabel('Zu verschenken').check();
    await page.getByLabel('Titel').fill(gift);
    await page.getByLabel('Kategorie').selectOption('books');
    await page.getByLabel('Beschreibung').fill('**Gut erhalten**, <b onclick="alert(1)">sauber</b>');
    await page.getByLabel('Abholort (ungefähr)').fill('Nähe Münsterplatz');
    await page.getByRole('button', { name: 'Anzeige veröffentlichen' }).click();
    await page.getByRole('heading', { level: 2, name: gift }).waitFor({ timeout: 15_000 });
    await page.locator('.market-description strong', { hasText: 'Gut erhalten' }).waitFor({ timeout: 10_000 });
    await checkPage(anna, 'listing page (author)');
  });

  await t.test('anna adds a photo; a file that is not one is refused in words', async () => {
    const { page } = anna;
    await page.getByLabel('Foto hinzufügen').setInputFiles([{ name: 'buecher.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('kein Bild, nur Text') }]);
    await page.getByRole('alert').filter({ hasText: 'kein Foto' }).waitFor({ timeout: 15_000 });
    await checkPage(anna, 'photo refused');
    await page.getByLabel('Foto hinzufügen').setInputFiles([{ name: 'buecher.png', mimeType: 'image/png', buffer: PNG }]);
    await page.getByRole('img', { name: `${gift}, Foto 1` }).waitFor({ timeout: 15_000 });
    await checkPage(anna, 'photo added');
  });

  await t.test('ben finds it nearby and writes to anna', async () => {
    const { page } = ben;
    await page.goto('/market');
    const card = page.locator('.item-card').filter({ has: page.getByRole('link', { name: gift }) });
    await card.locator('img.market-thumb').waitFor({ timeout: 10_000 });  // the first photo in the list
    await page.getByRole('link', { name: gift }).click();
    await page.getByRole('heading', { level: 2, name: gift }).waitFor({ timeout: 10_000 });
    await page.getByRole('img', { name: `${gift}, Foto 1` }).waitFor();
    await page.locator('.market-description strong', { hasText: 'Gut erhalten' }).waitFor();
    assert.equal(await page.locator('.market-description [onclick]').count(), 0, 'no raw HTML from the author');
    assert.equal(await page.getByLabel('Foto hinzufügen').count(), 0, 'only the author adds photos');
    await checkPage(ben, 'listing page (neighbour)');
    await page.getByLabel('Ihre Nachricht').fill(message);
    await page.getByRole('button', { name: 'Nachricht senden' }).click();
    await page.getByRole('link', { name: 'Zum Gespräch' }).waitFor({ timeout: 10_000 });
    await checkPage(ben, 'message sent');
  });

  await t.test('anna reads the message in her conversations', async () => {
    const { page } = anna;
    await page.goto('/messages');
    await page.locator('main .conversation-list a').first().click();
    await page.getByText(message).waitFor({ timeout: 10_000 });
    await checkPage(anna, 'conversation');
    assert.ok(!(await page.content()).includes(`ben-${run}@example.org`), 'no e-mail address shown');
  });
});
