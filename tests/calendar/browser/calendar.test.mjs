// The calendar UI end to end on phone-sized screens against the real server with the calendar
// plugin: a resident creates a weekly event, a neighbour finds it in the month view (320 px
// wide), opens it, answers and comments under it; a calendar left open shows the new event
// without a reload (shell.onLive); the organiser sees the answer counted. Every page passes
// axe-core; nothing leaves the server's origin. Uses the shared helpers of tests/browser/lib.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { suiteGate } from '../../browser/lib/env.mjs';
import { startServer } from '../../browser/lib/server.mjs';
import { launch, newSession } from '../../browser/lib/browser.mjs';
import { addUser, checkPage as checkPageWith, login } from '../../browser/lib/accounts.mjs';
import { liveOpen } from '../../browser/lib/faults.mjs';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const gate = suiteGate();
let server;
let browser;
let origin;  // a club's calendar on loopback: a recorded .ics file, and a web page that is none
const sessions = [];
const run = Date.now().toString(36);

before(async () => {
  if (gate.skip || gate.missing.length) return;
  server = await startServer({ extraToml: '[plugins]\nenabled = ["groups", "calendar"]\n[plugins.calendar]\nhttp_allow = ["127.0.0.1"]\n' });
  const ics = readFileSync(new URL('../import_data/city_v1.ics', import.meta.url));
  origin = createServer((req, res) => {
    if (req.url === '/feed.ics') res.writeHead(200, { 'Content-Type': 'text/calendar' }).end(ics);
    else res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!DOCTYPE html><p>Termine</p>');
  });
  await new Promise((resolve) => origin.listen(0, '127.0.0.1', resolve));
  browser = await launch();
});

after(async () => {
  for (const s of sessions) await s.context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
  origin?.close();
});

const checkPage = (session, label) => checkPageWith(server, session, label);

// A real PNG (a 120 x 80 gradient) for the picture upload, made here without a library.
function png(width, height) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'ascii');
    data.copy(out, 8);
    out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);  // 8 bits, RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1)
    for (let x = 0; x < width; x += 1) rows.set([x * 2, y * 3, 160], y * (width * 3 + 1) + 1 + x * 3);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

// The first of this month (in the browser's clock), where the weekly series starts.
const now = new Date();
const month = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;

test('calendar: create a recurring event, answer, see it in the month view on a phone', { skip: gate.skip }, async (t) => {
  assert.deepEqual(gate.missing, [], 'browser test prerequisites');
  const anna = await newSession(browser, server.url, { width: 375, height: 740 });
  const ben = await newSession(browser, server.url, { width: 320, height: 640 });
  sessions.push(anna, ben);
  const annaMail = `anna-${run}@example.org`;
  const benMail = `ben-${run}@example.org`;
  const title = `Lauftreff ${run}`;

  await t.test('both sign in', async () => {
    addUser(server, { email: annaMail, name: 'Anna' });
    addUser(server, { email: benMail, name: 'Ben' });
    await login(anna, annaMail);
    await login(ben, benMail);
  });

  await t.test('ben keeps the calendar open', async () => {
    const { page } = ben;
    await page.goto('/calendar');
    await page.getByRole('heading', { level: 1, name: 'Termine' }).waitFor();
    await page.getByText('In diesem Zeitraum gibt es keine Termine.').waitFor({ timeout: 10_000 });
    await liveOpen(page);
    await page.evaluate(() => { window.keptOpen = true; });
  });

  await t.test('anna creates a weekly event from the calendar page', async () => {
    const { page } = anna;
    await page.getByRole('link', { name: 'Termine' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Termine' }).waitFor();
    await checkPage(anna, '/calendar');
    await page.getByRole('link', { name: 'Neuer Termin' }).click();
    await page.getByRole('heading', { level: 1, name: 'Neuer Termin' }).waitFor();
    await page.getByLabel('Titel', { exact: true }).waitFor();
    await checkPage(anna, '/calendar/new');
    await page.getByLabel('Titel', { exact: true }).fill(title);
    await page.getByLabel('Beschreibung', { exact: true }).fill('Gemeinsam **laufen** im Stadtpark.');
    await page.getByLabel('Beginn', { exact: true }).fill(`${month}-01T18:00`);
    await page.getByLabel('Ende', { exact: true }).fill(`${month}-01T19:00`);
    await page.getByLabel('Wiederholung', { exact: true }).selectOption('WEEKLY');
    await page.getByLabel('Wie oft insgesamt', { exact: true }).fill('4');
    await page.getByLabel('Ort (Adresse)', { exact: true }).fill('Stadtpark, Eingang Nord');
    await page.getByLabel('Stufenlos erreichbar', { exact: true }).check();
    await page.getByRole('button', { name: 'Termin anlegen' }).click();
    await page.getByRole('heading', { level: 2, name: title }).waitFor({ timeout: 15_000 });
    await page.locator('main .item-body strong', { hasText: 'laufen' }).waitFor();
    assert.equal(await page.locator('main .item-card').count(), 4);
    await checkPage(anna, 'event page (organiser)');
  });

  await t.test('ben\u2019s open calendar shows the new event without a reload', async () => {
    const { page } = ben;
    await page.getByRole('link', { name: title }).first().waitFor({ timeout: 15_000 });
    assert.equal(await page.evaluate(() => window.keptOpen), true, 'the page was not reloaded');
  });

  await t.test('ben finds it in the month view at 320 px and answers', async () => {
    const { page } = ben;
    await page.goto('/calendar');
    await page.getByRole('heading', { level: 1, name: 'Termine' }).waitFor();
    await page.getByRole('button', { name: 'Monat', exact: true }).click();
    const day8 = page.getByRole('button', { name: /, 8\. [^:]+: 1 Termine$/ });
    await day8.waitFor({ timeout: 10_000 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 320, `the month view fits 320 px (scroll width ${width})`);
    await checkPage(ben, 'month view');
    await day8.click();
    await page.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { level: 2, name: title }).waitFor({ timeout: 10_000 });
    await page.getByLabel('Erinnerung', { exact: true }).nth(1).selectOption('hour');
    await page.getByRole('button', { name: 'Ich komme', exact: true }).nth(1).click();
    await page.getByText('Du kommst.').waitFor({ timeout: 10_000 });
    // The discussion right under the event (the kit's comments).
    await page.getByLabel('Ihr Kommentar').fill('Ich bringe Wasser mit.');
    await page.getByRole('button', { name: 'Kommentar senden' }).click();
    await page.locator('main .comment-list li', { hasText: 'Ich bringe Wasser mit.' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Kommentare: 1' }).waitFor();
    await checkPage(ben, 'event page (answered)');
  });

  await t.test('ben walks the week view with the keyboard at 320 px', async () => {
    const { page } = ben;
    await page.goto('/calendar');
    await page.getByRole('heading', { level: 1, name: 'Termine' }).waitFor();
    await page.getByRole('button', { name: 'Woche', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: /^Woche vom / }).waitFor({ timeout: 10_000 });
    const days = page.locator('main .calendar-week > li');
    const settled = page.locator('main .calendar-week[aria-busy="false"]');
    await settled.waitFor({ timeout: 10_000 });
    assert.equal(await days.count(), 7, 'a week lists all seven days');
    // Back week by week with the keyboard until the series shows (it started on the 1st).
    const back = page.getByRole('button', { name: 'Vorige Woche', exact: true });
    const inWeek = page.locator('main .calendar-week .calendar-occurrence', { hasText: title });
    for (let i = 0; i < 6 && (await inWeek.count()) === 0; i += 1) {
      const heading = await page.getByRole('heading', { level: 2, name: /^Woche vom / }).textContent();
      await back.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 2, name: /^Woche vom / }).filter({ hasNotText: heading }).waitFor();
      await settled.waitFor({ timeout: 10_000 });
    }
    assert.equal(await inWeek.count(), 1, 'a weekly series shows once a week');
    assert.equal(await page.locator('main .calendar-week p', { hasText: 'Keine Termine' }).count(), 6, 'the empty days say so');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 320, `the week view fits 320 px (scroll width ${width})`);
    await checkPage(ben, 'week view');
  });

  await t.test('anna sees who answered and writes to them, ben does not see the list', async () => {
    const { page } = anna;
    await ben.page.goto('/calendar');
    await ben.page.getByRole('link', { name: title }).first().click();
    await ben.page.getByRole('heading', { level: 2, name: title }).waitFor({ timeout: 10_000 });
    await ben.page.getByText('Du kommst.').waitFor({ timeout: 10_000 });
    assert.equal(await ben.page.getByRole('button', { name: 'Teilnehmende zeigen' }).count(), 0, 'the list is the organisers\u2019');
    await page.goto(await ben.page.evaluate(() => location.pathname));
    await page.getByRole('heading', { level: 2, name: title }).waitFor({ timeout: 10_000 });
    // The second date is the one ben answered.
    await page.getByRole('button', { name: 'Teilnehmende zeigen' }).nth(1).click();
    await page.getByRole('heading', { level: 4, name: 'Zugesagt (1)' }).waitFor({ timeout: 10_000 });
    await page.getByRole('region', { name: 'Zugesagt' }).getByRole('listitem').filter({ hasText: 'Ben' }).waitFor();
    await page.getByRole('heading', { level: 4, name: 'Warteliste (0)' }).waitFor();
    await checkPage(anna, 'event page with attendees');
    await page.getByLabel('Nachricht', { exact: true }).fill('Treffpunkt ist am Brunnen.');
    await page.getByRole('button', { name: 'Nachricht senden' }).click();
    let told = false;
    for (let i = 0; i < 50 && !told; i += 1) {
      told = (await (await ben.page.request.get('/api/notifications')).text()).includes(`Nachricht zu „${title}“`);
      if (!told) await page.waitForTimeout(200);
    }
    assert.ok(told, 'ben is told');
  });

  await t.test('anna adds a picture to her event, a text file is refused in words', async () => {
    const { page } = anna;
    await page.goto('/calendar');
    await page.getByRole('link', { name: title }).first().click();
    await page.getByRole('heading', { level: 2, name: title }).waitFor({ timeout: 10_000 });
    const input = page.locator('main .calendar-image-form input[type=file]');  // not the comment form's
    await input.setInputFiles({ name: 'notiz.png', mimeType: 'image/png', buffer: Buffer.from('Nur Text, kein Bild.') });
    await page.getByRole('alert').filter({ hasText: 'kein Bild' }).waitFor({ timeout: 15_000 });
    await input.setInputFiles({ name: 'lauftreff.png', mimeType: 'image/png', buffer: png(120, 80) });
    const picture = page.getByRole('img', { name: `Bild zu „${title}“` });
    await picture.waitFor({ timeout: 15_000 });
    await page.waitForFunction(() => {
      const img = document.querySelector('main img.calendar-image');
      return img && img.complete && img.naturalWidth === 120;  // loaded: the server's re-encoded copy
    }, null, { timeout: 15_000 });
    await checkPage(anna, 'event page with its picture');
    await page.goto('/');
    await page.locator('main .calendar-card-wrap img.calendar-thumb').first().waitFor({ timeout: 10_000 });
  });

  await t.test('anna imports a club\u2019s calendar, a web page is refused in words', async () => {
    const { page } = anna;
    const base = `http://127.0.0.1:${origin.address().port}`;
    await page.goto('/calendar');
    await page.getByRole('link', { name: 'Kalender importieren' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kalender importieren' }).waitFor({ timeout: 10_000 });
    await page.getByText('In diesen Kalender wird noch nichts importiert.').waitFor({ timeout: 10_000 });
    await checkPage(anna, '/calendar/imports');
    await page.getByLabel('Adresse des Kalenders', { exact: true }).fill(`${base}/veranstaltungen`);
    await page.getByRole('button', { name: 'Kalender importieren' }).click();
    await page.getByRole('alert').filter({ hasText: 'Webseite (HTML)' }).waitFor({ timeout: 15_000 });
    await page.getByLabel('Adresse des Kalenders', { exact: true }).fill(`${base}/feed.ics`);
    await page.getByRole('button', { name: 'Kalender importieren' }).click();
    await page.getByText(/Zuletzt abgerufen: .*, 6 Termine\./).waitFor({ timeout: 15_000 });
    await page.getByText('4 Einträge übersprungen').click();
    await page.getByText(/kaputt@stadt\.example/).waitFor();
    await checkPage(anna, 'an imported calendar');
    await page.getByRole('button', { name: 'Jetzt abrufen' }).click();
    await page.getByText(/Zuletzt abgerufen: .*, 6 Termine\./).waitFor({ timeout: 15_000 });
  });

  await t.test('the agenda lists the four dates, and the stream card shows date and place', async () => {
    const { page } = anna;
    await page.goto('/calendar');
    await page.getByRole('heading', { level: 3, name: /, 22\. / }).waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('main .calendar-occurrence', { hasText: title }).count(), 4);
    await page.goto('/');
    await page.locator('main .calendar-card', { hasText: 'Stadtpark, Eingang Nord' }).first().waitFor({ timeout: 10_000 });
    await checkPage(anna, 'stream with the event card');
  });
});
