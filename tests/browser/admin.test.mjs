// Administration through the UI against the real server: an admin creates a neighbourhood,
// invites a staff member who registers through the invitation mail and is shown as verified
// administration staff, changes the registration mode and publishes a legal text.
// Every admin page passes axe-core with zero violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { suiteGate } from './lib/env.mjs';
import { failRequests } from './lib/faults.mjs';
import { startServer } from './lib/server.mjs';
import { launch, newSession } from './lib/browser.mjs';
import { PASSWORD, checkPage, shoot, login, addUser } from './lib/accounts.mjs';

const gate = suiteGate();
let server;
let browser;
let missing = '';
const sessions = [];
const run = Date.now().toString(36);

before(async () => {
  if (gate.skip || gate.missing.length) return;
  server = await startServer();
  browser = await launch();
  const r = await fetch(`${server.url}/api/admin/invitations`);
  if (r.status === 404) missing = 'GET /api/admin/invitations is not served (404)';
});

after(async () => {
  for (const s of sessions) await s.context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

test('admin: neighbourhood, invitation of a staff member, registration mode, legal text', { skip: gate.skip }, async (t) => {
  if (missing) {
    t.skip(`the server has no accounts admin API yet: ${missing}`);
    return;
  }
  const admin = await newSession(browser, server.url);
  sessions.push(admin);
  const adminMail = `clara-${run}@example.org`;
  const staffMail = `dora-${run}@example.org`;
  const { page } = admin;
  let dora;

  await t.test('the operator creates the first admin with the CLI; she signs in', async () => {
    addUser(server, { email: adminMail, name: 'Clara', role: 'admin' });
    await login(admin, adminMail);
    await page.getByRole('link', { name: 'Verwaltung' }).click();
    await page.getByRole('heading', { level: 1, name: 'Verwaltung' }).waitFor();
    // The start page opens with what waits: nothing yet, and one active person (Clara).
    const overview = page.locator('section.admin-overview');
    await overview.getByRole('link', { name: '1 aktive Person' }).waitFor();
    await overview.getByRole('link', { name: '0 Registrierungen warten auf Freischaltung' }).waitFor();
    await overview.getByRole('link', { name: 'E-Mails: 0 in der Warteschlange, 0 fehlgeschlagen' }).waitFor();
    await checkPage(server, admin, '/admin');
    // A failed load says so and tries again on request; it never reads as "nothing waits".
    const letThrough = await failRequests(page, '**/api/admin/overview', { status: 500 });
    await page.reload();
    await overview.getByText('Der Überblick konnte nicht geladen werden.').waitFor();
    assert.equal(await overview.getByRole('link', { name: '1 aktive Person' }).count(), 0);
    await letThrough();
    await overview.getByRole('button', { name: 'Erneut versuchen' }).click();
    await overview.getByRole('link', { name: '1 aktive Person' }).waitFor();
  });

  await t.test('creates a neighbourhood and residence codes', async () => {
    await page.goto('/admin/neighbourhoods');
    await checkPage(server, admin, '/admin/neighbourhoods');
    await page.getByLabel(/^Name/).fill('Kanalviertel');
    await page.getByLabel('Postleitzahlen').fill('10997, 10999');
    await page.getByRole('button', { name: 'Anlegen' }).click();
    await page.locator('main li', { hasText: 'Kanalviertel' }).first().waitFor({ timeout: 10_000 });
    await page.getByLabel('Anzahl').fill('3');
    await page.getByRole('button', { name: 'Codes erzeugen' }).click();
    await page.locator('main').getByText('3 Codes erzeugt.').first().waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('.code-list li').count(), 3);
    await checkPage(server, admin, 'residence codes');
  });

  await t.test('invites a staff member, who registers through the mail and is shown as verified staff', async () => {
    await page.goto('/admin/invitations');
    await checkPage(server, admin, '/admin/invitations');
    await page.getByLabel('E-Mail-Adresse').fill(staffMail);
    await page.getByLabel('Rolle').selectOption('staff');
    await page.getByLabel('Abteilung').fill('Straßen- und Grünflächenamt');
    await page.getByRole('button', { name: 'Einladung senden' }).click();
    await page.locator('main table td', { hasText: staffMail }).waitFor({ timeout: 10_000 });
    await shoot(browser, admin, 'admin-invitations-desktop');

    const link = await server.waitForMail(staffMail, /(\/register\?invitation=[A-Za-z0-9_\-.%]+)/);
    dora = await newSession(browser, server.url);
    sessions.push(dora);
    await dora.page.goto(link);
    await checkPage(server, dora, 'register with invitation');
    await dora.page.getByLabel('Angezeigter Name').fill('Dora');
    await dora.page.getByLabel('E-Mail-Adresse').fill(staffMail);
    await dora.page.getByLabel('Passwort').first().fill(PASSWORD);
    const consent = dora.page.locator('#register-accept');
    if (await consent.count()) await consent.check();
    await dora.page.getByRole('button', { name: 'Konto anlegen' }).click();
    await dora.page.getByRole('heading', { level: 1, name: 'Konto angelegt' }).waitFor({ timeout: 15_000 });
    await login(dora, staffMail);
    const me = await dora.page.evaluate(async () => (await fetch('/api/me')).json());
    assert.equal(me.user.role, 'staff');
    await dora.page.goto(`/people/${me.user.id}`);
    await dora.page.locator('main').getByText('Straßen- und Grünflächenamt').waitFor({ timeout: 10_000 });
    await checkPage(server, dora, 'staff profile');

    // As staff, Dora publishes a pinned announcement for the whole city; it shows as official.
    await dora.page.getByRole('link', { name: 'Bekanntmachungen' }).click();
    await dora.page.getByRole('heading', { level: 1, name: 'Bekanntmachungen' }).waitFor();
    await checkPage(server, dora, '/announcements (staff)');
    await dora.page.getByLabel('Überschrift').fill(`Baumpflanzaktion im Park ${run}`);
    await dora.page.getByLabel('Text', { exact: true }).fill('Am Samstag pflanzen wir gemeinsam **zwölf Linden**.');
    await dora.page.getByLabel('Oben anheften').check();
    await dora.page.getByRole('button', { name: 'Veröffentlichen' }).click();
    await dora.page.locator('.item-card', { hasText: `Baumpflanzaktion im Park ${run}` }).waitFor({ timeout: 10_000 });
    await page.goto('/announcements');
    const card = page.locator('.item-card', { hasText: `Baumpflanzaktion im Park ${run}` });
    await card.waitFor({ timeout: 10_000 });
    await card.getByText('Dora').waitFor();
    await checkPage(server, admin, '/announcements');
  });

  await t.test('people list shows both, registration mode and legal texts are saved', async () => {
    await page.goto('/admin/people');
    await page.locator('.person', { hasText: 'Dora' }).waitFor({ timeout: 10_000 });
    await checkPage(server, admin, '/admin/people');

    await page.goto('/admin/registration');
    await checkPage(server, admin, '/admin/registration');
    await page.getByLabel('Nur mit Einladung').check();
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.waitForFunction(async () => (await (await fetch('/api/auth/registration')).json()).mode === 'invite');

    await page.goto('/admin/legal');
    await checkPage(server, admin, '/admin/legal');
    await page.getByLabel('Inhalt').fill('Bezirksamt Teststadt\nRathausplatz 1\n12345 Teststadt');
    await page.getByRole('button', { name: 'Neue Version veröffentlichen' }).click();
    await page.locator('main').getByText('Aktuell veröffentlicht: Version 1').waitFor({ timeout: 10_000 });
    await page.getByRole('link', { name: 'Impressum' }).click();
    await page.locator('main').getByText('Rathausplatz 1').waitFor({ timeout: 10_000 });
    await checkPage(server, admin, '/imprint');

    // A new privacy statement: people who are signed in are asked to agree again, on every page.
    await page.goto('/admin/legal');
    await page.getByLabel('Text', { exact: true }).selectOption('privacy');
    await page.getByLabel('Inhalt').fill('Wir verarbeiten nur, was Quartier zum Betrieb braucht.');
    await page.getByRole('button', { name: 'Neue Version veröffentlichen' }).click();
    await page.locator('main').getByText('Aktuell veröffentlicht: Version 1').waitFor({ timeout: 10_000 });
    await dora.page.goto('/');
    const banner = dora.page.locator('.consent-banner');
    await banner.waitFor({ timeout: 10_000 });
    await checkPage(server, dora, 'consent banner');
    await banner.getByRole('button', { name: 'Gelesen, ich stimme zu' }).click();
    await banner.waitFor({ state: 'detached', timeout: 10_000 });
    const after = await dora.page.evaluate(async () => (await (await fetch('/api/me')).json()).consent_required);
    assert.deepEqual(after, []);

    // Every change is in the audit log.
    await page.goto('/admin/audit');
    await page.locator('main table code', { hasText: 'registration.mode_changed' }).first().waitFor({ timeout: 10_000 });
    await checkPage(server, admin, '/admin/audit');

    // With the invitation-only mode, the registration page says so instead of showing the form.
    const visitor = await newSession(browser, server.url);
    sessions.push(visitor);
    await visitor.page.goto('/register');
    await visitor.page.locator('main').getByText('nur mit einer Einladung').waitFor({ timeout: 10_000 });
    await checkPage(server, visitor, '/register (invite only)');
  });
});
