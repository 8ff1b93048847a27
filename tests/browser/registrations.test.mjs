// Registration by approval through the UI against the real server, mail over SMTP to the test
// SMTP server (tests/support/smtp_sink.py):
// - an admin switches the registration mode to approval; two people register and confirm their
//   address through the mail, fifty more through the API;
// - administration staff open "Freischaltungen" from the navigation, load the rest of the list,
//   approve one (who gets a mail and can sign in) and decline another with a reason (who gets a
//   mail with the reason and cannot sign in); a registration decided meanwhile by someone else is
//   said so in words; an empty list says so;
// - residents and moderators see no navigation entry and get "no access" on /registrations;
// - admins reach the page from the admin menu.
// Every state passes axe-core with zero violations; desktop and phone (320 px) screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { suiteGate } from './lib/env.mjs';
import { startServer } from './lib/server.mjs';
import { launch, newSession } from './lib/browser.mjs';
import { PASSWORD, submitRegistration, checkPage as checkPageWith, shoot as shootWith, login, addUser, createNeighbourhood } from './lib/accounts.mjs';

const gate = suiteGate();
let server;
let browser;
let missing = '';
const sessions = [];
const run = Date.now().toString(36);
const REASON = `Kein Wohnsitz in Teststadt ${run}`;
const MORE = 49; // with the two registered through the UI: 51, one more than the first page

before(async () => {
  if (gate.skip || gate.missing.length) return;
  server = await startServer({ smtp: true, extraToml: '[auth]\nregistrations_per_ip_30min = 1000\n' });
  browser = await launch();
  const r = await fetch(`${server.url}/api/registrations/pending`);
  if (r.status === 404) missing = 'GET /api/registrations/pending is not served (404)';
});

after(async () => {
  for (const s of sessions) await s.context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

const checkPage = (session, label) => checkPageWith(server, session, label);
const shoot = (session, name) => shootWith(browser, session, name);

/** A state-changing API call from a signed-in page (with its CSRF token); returns {status, body}. */
async function call(session, method, path, body) {
  return session.page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch('/api/me')).json();
      const r = await fetch(path, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: r.status, body: await r.text() };
    },
    { method, path, body },
  );
}

/** The text the shell's polite live region announces, once it contains `part`. */
async function announced(session, part) {
  await session.page.waitForFunction(
    (text) => [...document.querySelectorAll('[aria-live="polite"]')].some((e) => e.textContent.includes(text)),
    part,
    { timeout: 10_000 },
  );
}

/** Registers through /register and confirms through the link in the mail (approval mode). */
async function registerAwaiting(session, name, email) {
  const { page } = session;
  await page.goto('/register');
  await page.locator('main').getByText('Neue Konten schaltet die Verwaltung frei').waitFor({ timeout: 10_000 });
  await submitRegistration(page, name, email);
  const link = await server.waitForMail(email, /(\/confirm\?token=[A-Za-z0-9_\-.%]+)/);
  await page.goto(link);
  await page.locator('main').getByText('Die Verwaltung schaltet Ihr Konto bald frei').waitFor({ timeout: 15_000 });
  await checkPage(session, '/confirm (awaiting approval)');
}

async function loginStatus(email) {
  const r = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  return r.status;
}

test('registrations: approval mode, staff approve and decline, residents and moderators may not', { skip: gate.skip }, async (t) => {
  if (missing) {
    t.skip(`the server has no registrations API yet: ${missing}`);
    return;
  }
  const adminMail = `clara-${run}@example.org`;
  const staffMail = `dora-${run}@example.org`;
  const modMail = `mo-${run}@example.org`;
  const residentMail = `rolf-${run}@example.org`;
  const evaMail = `eva-${run}@example.org`;
  const finnMail = `finn-${run}@example.org`;
  addUser(server, { email: adminMail, name: 'Clara Verwaltung', role: 'admin' });
  addUser(server, { email: staffMail, name: 'Dora Bürgeramt', role: 'staff', department: 'Bürgeramt' });
  addUser(server, { email: modMail, name: 'Mo Moderation', role: 'moderator' });
  addUser(server, { email: residentMail, name: 'Rolf Reiher' });
  const clara = await newSession(browser, server.url);
  const dora = await newSession(browser, server.url);
  const visitor = await newSession(browser, server.url);
  sessions.push(clara, dora, visitor);
  const entries = dora.page.locator('.registration');
  const entry = (text) => dora.page.locator('.registration', { hasText: text });

  await t.test('the admin switches to approval and sets up a neighbourhood', async () => {
    await login(clara, adminMail);
    await createNeighbourhood(clara, 'Kanalviertel', `kanal-${run}`);
    const { page } = clara;
    await page.goto('/admin/registration');
    await page.getByLabel('Alle, aber die Verwaltung schaltet jedes neue Konto frei').check();
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.waitForFunction(async () => (await (await fetch('/api/auth/registration')).json()).mode === 'approval');
  });

  await t.test('people register and confirm their address; they wait for approval', async () => {
    await registerAwaiting(visitor, 'Eva', evaMail);
    await visitor.context.clearCookies();
    await registerAwaiting(visitor, 'Finn', finnMail);
    assert.notEqual(await loginStatus(evaMail), 200, 'Eva may not sign in before approval');
    const mails = [];
    for (let i = 0; i < MORE; i++) {
      const email = `nachbar${i}-${run}@example.org`;
      mails.push(email);
      const r = await fetch(`${server.url}/api/auth/register`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD, display_name: `Nachbar ${i}`, accept_terms: true }),
      });
      assert.ok(r.ok, `registration ${i}: ${r.status} ${await r.text()}`);
    }
    for (const email of mails) {
      const token = await server.waitForMail(email, /\/confirm\?token=([A-Za-z0-9_\-.%]+)/);
      const r = await fetch(`${server.url}/api/auth/confirm`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ token: decodeURIComponent(token) }),
      });
      assert.equal(r.status, 200, `confirming ${email}: ${await r.text()}`);
    }
  });

  await t.test('staff open "Freischaltungen" from the navigation and load the rest of the list', async () => {
    // The button is what this checks: without IntersectionObserver (old browsers) it is the only way
    // to load more, and scrolling cannot load the rest first and take the button away mid-click.
    // Loading as you scroll is tested in lists.test.mjs.
    await dora.context.addInitScript(() => {
      delete window.IntersectionObserver;
    });
    await login(dora, staffMail);
    const { page } = dora;
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Freischaltungen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Freischaltungen' }).waitFor();
    await entries.nth(49).waitFor({ timeout: 10_000 });
    assert.equal(await entries.count(), 50, 'the first page holds 50');
    // Oldest first: the two registered through the UI lead, with their neighbourhood.
    await entries.first().getByRole('heading', { level: 2, name: 'Eva' }).waitFor();
    await entries.first().getByText(evaMail).waitFor();
    await entries.first().getByText('Kanalviertel').waitFor();
    await entries.nth(1).getByRole('heading', { level: 2, name: 'Finn' }).waitFor();
    // In approval mode there is no hint that approval is off.
    await page.waitForLoadState('networkidle');
    assert.equal(await page.locator('main').getByText('brauchen derzeit keine Freischaltung').count(), 0);
    await checkPage(dora, '/registrations, first page');
    await shoot(dora, 'registrations-desktop');
    await page.getByRole('button', { name: 'Mehr laden' }).click();
    await entries.nth(50).waitFor({ timeout: 10_000 });
    await page.locator('main').getByText('Alle wartenden Registrierungen werden angezeigt.').waitFor({ timeout: 10_000 });
    assert.equal(await entries.count(), 51);
    await announced(dora, '1 weitere Registrierung geladen.');
    await checkPage(dora, '/registrations, all loaded');
  });

  await t.test('staff approve Eva: she is told by mail and can sign in', async () => {
    const { page } = dora;
    await entry(evaMail).getByRole('button', { name: 'Freischalten Eva' }).click();
    await entry(evaMail).waitFor({ state: 'detached', timeout: 10_000 });
    await announced(dora, 'Eva ist freigeschaltet');
    // The focus moves on to the next entry's name, so a keyboard user keeps the place.
    const focused = await page.evaluate(() => ({ tag: document.activeElement?.tagName, text: document.activeElement?.textContent }));
    assert.deepEqual(focused, { tag: 'H2', text: 'Finn' });
    assert.equal(await entries.count(), 50);
    await server.waitForMail(evaMail, /Your account has been approved/);
    const eva = await newSession(browser, server.url);
    sessions.push(eva);
    await login(eva, evaMail);
    await checkPage(eva, 'Eva signed in after approval');
  });

  await t.test('staff decline Finn with a reason: he gets it by mail and cannot sign in', async () => {
    const finn = entry(finnMail);
    await finn.getByRole('button', { name: 'Ablehnen Finn' }).click();
    const reason = finn.getByLabel('Begründung (freiwillig)');
    await reason.waitFor();
    assert.equal(await reason.evaluate((el) => el === document.activeElement), true, 'the reason field has the focus');
    await checkPage(dora, '/registrations, decline form open');
    // Cancelling closes the form and returns the focus to "Ablehnen".
    await finn.getByRole('button', { name: 'Abbrechen' }).click();
    await reason.waitFor({ state: 'detached' });
    const back = finn.getByRole('button', { name: 'Ablehnen Finn' });
    assert.equal(await back.evaluate((el) => el === document.activeElement), true, 'the focus is back on "Ablehnen"');
    await back.click();
    await finn.getByLabel('Begründung (freiwillig)').fill(REASON);
    await finn.getByRole('button', { name: 'Ablehnung bestätigen Finn' }).click();
    await finn.waitFor({ state: 'detached', timeout: 10_000 });
    await announced(dora, 'Die Registrierung von Finn ist abgelehnt');
    const mail = await server.waitForMail(finnMail, /nicht freigeschaltet[\s\S]*Begr\S*ndung: ([^\r\n]+)/);
    assert.equal(mail.trim(), REASON);
    assert.notEqual(await loginStatus(finnMail), 200, 'Finn cannot sign in');
    await checkPage(dora, '/registrations after decisions');
  });

  await t.test('a registration someone else decided meanwhile is said so in words', async () => {
    const target = entry(`nachbar0-${run}@`);
    const id = await dora.page.evaluate(async (email) => {
      const list = (await (await fetch('/api/registrations/pending?limit=200')).json()).registrations;
      return list.find((r) => r.email === email)?.id;
    }, `nachbar0-${run}@example.org`);
    assert.ok(id, 'nachbar0 is pending');
    const byAdmin = await call(clara, 'POST', `/api/registrations/${id}/approve`, {});
    assert.equal(byAdmin.status, 200, byAdmin.body);
    await target.getByRole('button', { name: 'Freischalten Nachbar 0' }).click();
    await target.locator('[role="alert"]').getByText('schon entschieden').waitFor({ timeout: 10_000 });
    await checkPage(dora, '/registrations with an already decided entry');
    await target.getByRole('button', { name: 'Liste neu laden' }).click();
    await target.waitFor({ state: 'detached', timeout: 10_000 });
    await entries.nth(47).waitFor({ timeout: 10_000 });
    assert.equal(await entries.count(), 48);
  });

  await t.test('the page fits a phone (320 px) and stays accessible', async () => {
    const { page } = dora;
    await page.setViewportSize({ width: 320, height: 700 });
    await entries.first().getByRole('button', { name: /^Ablehnen/ }).click();
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(wide <= 1, `/registrations scrolls sideways by ${wide}px at 320 px`);
    await checkPage(dora, '/registrations at 320 px');
    await shoot(dora, 'registrations-phone');
    await entries.first().getByRole('button', { name: 'Abbrechen' }).click();
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  await t.test('residents and moderators see no entry and get "no access"', async () => {
    for (const [email, heading] of [
      [residentMail, 'Mein Stream'],
      [modMail, 'Mein Stream'],
    ]) {
      const s = await newSession(browser, server.url);
      sessions.push(s);
      await login(s, email, heading);
      const nav = s.page.getByRole('navigation', { name: 'Hauptnavigation' });
      await nav.getByRole('link', { name: 'Einstellungen' }).waitFor();
      assert.equal(await nav.getByRole('link', { name: 'Freischaltungen' }).count(), 0, `no nav entry for ${email}`);
      await s.page.goto('/registrations');
      await s.page.getByRole('heading', { level: 1, name: 'Kein Zugriff' }).waitFor({ timeout: 10_000 });
      assert.equal(await s.page.locator('.registration').count(), 0);
      await checkPage(s, `/registrations as ${email}`);
    }
  });

  await t.test('admins reach the page from the admin menu; an empty list says so', async () => {
    const { page } = clara;
    await page.goto('/admin');
    await page.getByRole('navigation', { name: 'Bereiche der Verwaltung' }).getByRole('link', { name: 'Freischaltungen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Freischaltungen' }).waitFor();
    await page.locator('.registration').nth(47).waitFor({ timeout: 10_000 });
    await checkPage(clara, '/registrations (admin)');
    const ids = await page.evaluate(async () => (await (await fetch('/api/registrations/pending?limit=200')).json()).registrations.map((r) => r.id));
    assert.equal(ids.length, 48);
    for (const id of ids) {
      const r = await call(clara, 'POST', `/api/registrations/${id}/approve`, {});
      assert.equal(r.status, 200, r.body);
    }
    await dora.page.reload();
    await dora.page.locator('main').getByText('Niemand wartet gerade auf Freischaltung.').waitFor({ timeout: 10_000 });
    assert.equal(await entries.count(), 0);
    await checkPage(dora, '/registrations, empty');
  });
});
