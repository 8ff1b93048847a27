// A department's calendar end to end on phone-sized screens (360 px) against the real server:
// an admin opens the calendar of a department on /calendar/departments; a clerk of that department finds it chosen first
// in the new-event form, adds an event with an extra date (RDATE) and imports the department's
// existing iCal calendar into it; a resident finds both dates
// in the month view filtered by the department, opens the event (it names the department), sees
// the stream card, and cannot choose the department when creating an event; the admin renames
// the department (the stream card follows) and is told why it cannot be deleted yet (it imports). Every page passes
// axe-core. Uses the shared helpers of tests/browser/lib.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { suiteGate } from '../../browser/lib/env.mjs';
import { startServer } from '../../browser/lib/server.mjs';
import { launch, newSession } from '../../browser/lib/browser.mjs';
import { addUser, checkPage as checkPageWith, login } from '../../browser/lib/accounts.mjs';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const gate = suiteGate();
let server;
let browser;
let origin;  // the department's existing calendar on loopback: a recorded .ics file
const sessions = [];
const run = Date.now().toString(36);

before(async () => {
  if (gate.skip || gate.missing.length) return;
  server = await startServer({ extraToml: '[plugins]\nenabled = ["groups", "calendar"]\n[plugins.calendar]\nhttp_allow = ["127.0.0.1"]\n' });
  const ics = readFileSync(new URL('../import_data/city_v1.ics', import.meta.url));
  origin = createServer((req, res) => res.writeHead(200, { 'Content-Type': 'text/calendar' }).end(ics));
  await new Promise((resolve) => origin.listen(0, '127.0.0.1', resolve));
  browser = await launch();
});

after(async () => {
  for (const s of sessions) await s.context.close().catch(() => {});
  await browser?.close();
  origin?.close();
  await server?.stop();
});

const checkPage = (session, label) => checkPageWith(server, session, label);
const now = new Date();
const month = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;

test('calendar: a department\u2019s staff add an event, residents read it, on a phone', { skip: gate.skip }, async (t) => {
  assert.deepEqual(gate.missing, [], 'browser test prerequisites');
  const admin = await newSession(browser, server.url, { width: 360, height: 740 });
  const clerk = await newSession(browser, server.url, { width: 360, height: 740 });
  const rita = await newSession(browser, server.url, { width: 360, height: 740 });
  sessions.push(admin, clerk, rita);
  const department = `Bürgeramt ${run}`;
  const title = `Bürgersprechstunde ${run}`;

  await t.test('an admin opens the department\u2019s calendar', async () => {
    addUser(server, { email: `admin-${run}@example.org`, name: 'Admin', role: 'admin' });
    addUser(server, { email: `clerk-${run}@example.org`, name: 'Clara', role: 'staff', department });
    addUser(server, { email: `rita-${run}@example.org`, name: 'Rita' });
    await login(admin, `admin-${run}@example.org`);
    await login(clerk, `clerk-${run}@example.org`);
    await login(rita, `rita-${run}@example.org`);
    const { page } = admin;
    await page.goto('/calendar');
    await page.getByRole('link', { name: 'Fachbereichskalender' }).click();
    await page.getByRole('heading', { level: 1, name: 'Fachbereichskalender' }).waitFor();
    await page.getByRole('button', { name: 'Fachbereichskalender anlegen' }).click();  // empty: refused in words
    await page.getByRole('alert').filter({ hasText: 'Namen des Fachbereichs' }).first().waitFor({ timeout: 10_000 });
    await page.getByLabel('Name des Fachbereichs', { exact: true }).fill(department);
    await page.getByRole('button', { name: 'Fachbereichskalender anlegen' }).click();
    await page.getByRole('heading', { level: 3, name: `Fachbereich ${department}` }).waitFor({ timeout: 10_000 });
    await checkPage(admin, '/calendar/departments (admin)');
  });

  await t.test('the clerk\u2019s form starts with the department, the event gets an extra date', async () => {
    const { page } = clerk;
    await page.goto('/calendar/new');
    await page.getByRole('heading', { level: 1, name: 'Neuer Termin' }).waitFor();
    const calendar = page.getByLabel('Kalender', { exact: true });
    await calendar.waitFor({ timeout: 10_000 });
    assert.equal(await calendar.locator('option:checked').textContent(), `Fachbereich ${department}`);
    await checkPage(clerk, '/calendar/new (staff)');
    await page.getByLabel('Titel', { exact: true }).fill(title);
    await page.getByLabel('Beginn', { exact: true }).fill(`${month}-10T10:00`);
    await page.getByLabel('Ende', { exact: true }).fill(`${month}-10T12:00`);
    await page.getByLabel('Zusätzliche Termine', { exact: true }).fill(`${month}-17T10:00/${month}-17T11:00`);
    await page.getByLabel('Ort (Adresse)', { exact: true }).fill('Rathaus, Zimmer 4');
    await page.getByRole('button', { name: 'Termin anlegen' }).click();
    await page.getByRole('alert').filter({ hasText: 'PERIOD' }).waitFor({ timeout: 10_000 });  // refused in words
    await page.getByLabel('Zusätzliche Termine', { exact: true }).fill(`${month}-17T10:00`);
    await page.getByRole('button', { name: 'Termin anlegen' }).click();
    await page.getByRole('heading', { level: 2, name: title }).waitFor({ timeout: 15_000 });
    await page.getByText(`Termin des Fachbereichs ${department}`).waitFor();
    assert.equal(await page.locator('main .item-card').count(), 2, 'the start and the extra date');
    await checkPage(clerk, 'department event page (staff)');
  });

  await t.test('a resident finds both dates in the department\u2019s month view', async () => {
    const { page } = rita;
    await page.goto('/calendar');
    await page.getByRole('heading', { level: 1, name: 'Termine' }).waitFor();
    await page.getByRole('button', { name: 'Monat', exact: true }).click();
    await page.getByLabel('Kalender', { exact: true }).selectOption({ label: `Fachbereich ${department}` });
    const day10 = page.getByRole('button', { name: /, 10\. [^:]+: 1 Termine$/ });
    await day10.waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: /, 17\. [^:]+: 1 Termine$/ }).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `the month view fits 360 px (scroll width ${width})`);
    await checkPage(rita, 'month view of a department');
    await day10.click();
    await page.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { level: 2, name: title }).waitFor({ timeout: 10_000 });
    await page.getByText(`Termin des Fachbereichs ${department}`).waitFor();
    await checkPage(rita, 'department event page (resident)');
    await page.goto('/');
    await page.locator('main .calendar-card', { hasText: `Fachbereich ${department}` }).first().waitFor({ timeout: 10_000 });
    await checkPage(rita, 'stream with the department\u2019s card');
  });

  await t.test('a resident cannot choose the department calendar', async () => {
    const { page } = rita;
    await page.goto('/calendar/new');
    const calendar = page.getByLabel('Kalender', { exact: true });
    await calendar.waitFor({ timeout: 10_000 });
    const labels = await calendar.locator('option').allTextContents();
    assert.ok(labels.length > 0 && !labels.some((l) => l.includes(department)), `no department among ${labels.join(', ')}`);
  });

  await t.test('the clerk imports the department\u2019s existing calendar into it (its daily series fills every day, so after the month view)', async () => {
    const { page } = clerk;
    await page.goto('/calendar/imports');
    await page.getByRole('heading', { level: 1, name: 'Kalender importieren' }).waitFor({ timeout: 10_000 });
    await page.getByLabel('Kalender', { exact: true }).selectOption({ label: `Fachbereich ${department}` });
    await page.getByRole('heading', { level: 2, name: `Fachbereich ${department}` }).waitFor({ timeout: 10_000 });
    await page.getByText('In diesen Kalender wird noch nichts importiert.').waitFor({ timeout: 10_000 });
    await page.getByLabel('Adresse des Kalenders', { exact: true }).fill(`http://127.0.0.1:${origin.address().port}/feed.ics`);
    await page.getByRole('button', { name: 'Kalender importieren' }).click();
    await page.getByText(/Zuletzt abgerufen: .*, 6 Termine\./).waitFor({ timeout: 15_000 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `the imports page fits 360 px (scroll width ${width})`);
    await checkPage(clerk, '/calendar/imports into a department');
  });

  await t.test('the admin renames the department, and cannot delete it while it imports a calendar', async () => {
    const { page } = admin;
    const renamed = `${department} Nord`;
    await page.goto('/calendar/departments');
    await page.getByLabel(`Neuer Name für ${department}`, { exact: true }).fill(renamed);
    await page.getByRole('button', { name: 'Umbenennen' }).click();
    await page.getByRole('heading', { level: 3, name: `Fachbereich ${renamed}` }).waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Kalender löschen' }).click();
    const dialog = page.getByRole('dialog', { name: `Kalender des Fachbereichs ${renamed} löschen?` });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Kalender löschen' }).click();
    await page.getByRole('alert').filter({ hasText: 'noch 1 Kalender importiert' }).waitFor({ timeout: 10_000 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `the departments page fits 360 px (scroll width ${width})`);
    await checkPage(admin, '/calendar/departments with a refused deletion');
    await page.goto('/');
    await page.locator('main .calendar-card', { hasText: `Fachbereich ${renamed}` }).first().waitFor({ timeout: 10_000 });
  });
});
