// More of a resident's paths through the UI against the real server, with mail going over SMTP
// to the test SMTP server (tests/support/smtp_sink.py):
// - password reset through the mail;
// - residence code: an admin creates codes, a resident enters one and is shown as verified;
// - an urgent announcement by staff reaches a signed-in resident live, on whatever page;
// - a post written on "Ganze Stadt" goes to the whole city and stays on that page;
// - the language setting switched to English: the signed-in pages are English and pass axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { suiteGate } from './lib/env.mjs';
import { startServer } from './lib/server.mjs';
import { launch, newSession } from './lib/browser.mjs';
import { liveOpen } from './lib/faults.mjs';
import { PASSWORD, checkPage as checkPageWith, shoot as shootWith, login, addUser, createNeighbourhood } from './lib/accounts.mjs';

const gate = suiteGate();
let server;
let browser;
const sessions = [];
const run = Date.now().toString(36);
const NEW_PASSWORD = 'Neues Passwort an der Schleuse 7!';

before(async () => {
  if (gate.skip || gate.missing.length) return;
  server = await startServer({ smtp: true });
  browser = await launch();
});

after(async () => {
  for (const s of sessions) await s.context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

const checkPage = (session, label) => checkPageWith(server, session, label);
const shoot = (session, name) => shootWith(browser, session, name);

async function signIn(session, email, password, heading = 'Mein Stream') {
  const { page } = session;
  await page.goto('/login');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort').fill(password);
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 15_000 });
}

test('residents: password reset by mail, residence code, urgent announcement live, English pages', { skip: gate.skip }, async (t) => {
  const adminMail = `clara-${run}@example.org`;
  const staffMail = `dora-${run}@example.org`;
  const rolfMail = `rolf-${run}@example.org`;
  addUser(server, { email: adminMail, name: 'Clara Verwaltung', role: 'admin' });
  addUser(server, { email: staffMail, name: 'Dora Ordnungsamt', role: 'staff', department: 'Ordnungsamt' });
  addUser(server, { email: rolfMail, name: 'Rolf Reiher' });
  const rolf = await newSession(browser, server.url);
  const clara = await newSession(browser, server.url);
  const dora = await newSession(browser, server.url);
  sessions.push(rolf, clara, dora);
  let code = '';

  await t.test('Rolf forgot his password: the link comes by mail (SMTP) and sets a new one', async () => {
    const { page } = rolf;
    await page.goto('/login');
    await page.getByRole('link', { name: 'Passwort vergessen?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Passwort zurücksetzen' }).waitFor();
    await checkPage(rolf, '/password-reset');
    await page.getByLabel('E-Mail-Adresse').fill(rolfMail);
    await page.getByRole('button', { name: 'Link anfordern' }).click();
    await page.locator('main').getByText('ist eine E-Mail unterwegs').waitFor({ timeout: 10_000 });
    await checkPage(rolf, 'reset requested');
    const link = await server.waitForMail(rolfMail, /(\/password-reset\?token=[A-Za-z0-9_\-.%]+)/);
    await page.goto(link);
    await page.getByLabel('Neues Passwort').waitFor();
    await checkPage(rolf, '/password-reset?token');
    // Too short: said in words, nothing sent.
    await page.getByLabel('Neues Passwort').fill('kurz');
    await page.getByRole('button', { name: 'Passwort speichern' }).click();
    await page.locator('main [role="alert"]').waitFor();
    await page.getByLabel('Neues Passwort').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Passwort speichern' }).click();
    await page.locator('main').getByText('Ihr Passwort wurde geändert.').waitFor({ timeout: 10_000 });
    await checkPage(rolf, 'password changed');
    // The old password no longer works; the new one does.
    await page.goto('/login');
    await page.getByLabel('E-Mail-Adresse').fill(rolfMail);
    await page.getByLabel('Passwort').fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await page.locator('main form [role="alert"]').waitFor({ timeout: 10_000 });
    await signIn(rolf, rolfMail, NEW_PASSWORD);
  });

  await t.test('an admin creates residence codes; Rolf enters one and is shown as a verified neighbour', async () => {
    await login(clara, adminMail);
    await createNeighbourhood(clara, 'Schleusenviertel', `schleuse-${run}`);
    const { page } = clara;
    await page.goto('/admin/neighbourhoods');
    await page.locator('main li', { hasText: 'Schleusenviertel' }).first().waitFor({ timeout: 10_000 });
    await page.getByLabel('Anzahl').fill('2');
    await page.getByRole('button', { name: 'Codes erzeugen' }).click();
    await page.locator('.code-list li').nth(1).waitFor({ timeout: 10_000 });
    code = (await page.locator('.code-list li code').first().innerText()).trim();
    assert.ok(code.length >= 8, `a code was shown (${code})`);
    await checkPage(clara, 'codes created');

    const { page: rp } = rolf;
    await rp.goto('/settings#residence');
    const section = rp.locator('section[aria-labelledby="residence"]');
    // A wrong code is refused in words.
    await section.getByLabel('Code aus dem Brief').fill('FALSCH-CODE-0000');
    await section.getByRole('button', { name: 'Code einlösen' }).click();
    await section.locator('[role="alert"]').waitFor({ timeout: 10_000 });
    await checkPage(rolf, 'residence code refused');
    // Lower case and without dashes: the server does not mind.
    await section.getByLabel('Code aus dem Brief').fill(code.toLowerCase().replace(/-/g, ''));
    await section.getByRole('button', { name: 'Code einlösen' }).click();
    await section.getByText('Ihr Wohnort ist bestätigt.').waitFor({ timeout: 10_000 });
    await checkPage(rolf, 'residence confirmed');
    const me = await rp.evaluate(async () => (await (await fetch('/api/me')).json()).user);
    assert.equal(me.verified_resident, true);
    await rp.goto(`/people/${me.id}`);
    await rp.locator('main').getByText('Wohnort im Quartier bestätigt').waitFor({ timeout: 10_000 });
    await checkPage(rolf, 'profile with the verified badge');
  });

  await t.test('staff publishes an urgent announcement; Rolf sees it live on the page he is on', async () => {
    const title = `Hochwasserwarnung am Kanal ${run}`;
    await rolf.page.goto('/notifications');
    await rolf.page.getByRole('heading', { level: 1, name: 'Benachrichtigungen' }).waitFor();
    await liveOpen(rolf.page);
    await login(dora, staffMail);
    const { page } = dora;
    await page.goto('/announcements');
    await page.getByLabel('Überschrift').fill(title);
    await page.getByLabel('Text', { exact: true }).fill('Bitte meiden Sie das Ufer bis Sonntag.\n\n- Sandsäcke am Rathaus\n- Notunterkunft in der Schule');
    await page.getByLabel('Dringend (Krisen- und Warninformation)').check();
    await checkPage(dora, '/announcements with an urgent draft');
    // Urgent asks first: the text as it goes out, and how many people and mails it reaches.
    const expected = await page.evaluate(async () => (await (await fetch('/api/announcements/reach')).json()).people);
    assert.ok(expected >= 1, 'someone to reach');
    await page.getByRole('button', { name: 'Veröffentlichen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Dringend senden?' });
    await dialog.waitFor();
    const reach = await dialog.getByTestId('urgent-reach').innerText();
    assert.equal(reach, `Die ganze Stadt: ${expected} Personen werden sofort benachrichtigt, ${expected} E-Mails werden verschickt.`);
    await dialog.getByRole('heading', { name: title }).waitFor();
    await checkPage(dora, 'urgent announcement confirmation');
    await shoot(dora, 'urgent-confirm-desktop');
    // Cancelling sends nothing and keeps the words.
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await page.getByLabel('Überschrift').inputValue(), title);
    assert.equal(await page.locator('.item-card', { hasText: title }).count(), 0);
    await page.getByRole('button', { name: 'Veröffentlichen' }).click();
    await dialog.getByRole('button', { name: 'Jetzt dringend senden' }).click();
    await page.locator('.item-card', { hasText: title }).waitFor({ timeout: 10_000 });

    const banner = rolf.page.locator('.urgent-banner');
    await banner.getByRole('link', { name: title }).waitFor({ timeout: 15_000 });
    assert.equal(await banner.getAttribute('role'), 'alert');
    // A Markdown list stays a list of lines in the banner, not one run-on line.
    assert.match(await banner.innerText(), /\n- Sandsäcke am Rathaus\n- Notunterkunft in der Schule/);
    await checkPage(rolf, 'urgent banner');
    await shoot(rolf, 'urgent-banner-desktop');
    await rolf.page.setViewportSize({ width: 360, height: 740 });
    await checkPage(rolf, 'urgent banner at 360 px');
    await shoot(rolf, 'urgent-banner-phone');
    await rolf.page.setViewportSize({ width: 1280, height: 900 });
    // The notification badge counts it too, and the item is marked urgent.
    await banner.getByRole('link', { name: title }).click();
    await rolf.page.getByRole('heading', { level: 1, name: title }).waitFor({ timeout: 10_000 });
    await banner.getByRole('button', { name: /Hinweis schließen/ }).click();
    await banner.waitFor({ state: 'detached' });
    await rolf.page.goto('/');
    const card = rolf.page.locator('.item-card', { hasText: title });
    await card.getByText('Dringend').waitFor({ timeout: 10_000 });
    assert.match(await card.innerText(), /\n- Sandsäcke am Rathaus\n- Notunterkunft in der Schule/);
  });

  await t.test('Rolf writes on "Ganze Stadt": the composer says the whole city reads it, and the post stays there', async () => {
    const { page } = rolf;
    const text = `Wer hat Lust auf einen Flohmarkt am Rathaus? ${run}`;
    await page.goto('/city');
    await page.getByRole('heading', { level: 1, name: 'Ganze Stadt' }).waitFor();
    await page.getByText('Alle angemeldeten Menschen der Stadt können ihn lesen', { exact: false }).waitFor({ timeout: 10_000 });
    await page.getByLabel('Was möchten Sie der ganzen Stadt sagen?').fill(text);
    await page.getByRole('button', { name: 'Veröffentlichen' }).click();
    await page.locator('.item-card', { hasText: text }).waitFor({ timeout: 10_000 });
    // After a reload it is still on the city page: it went to the city, not to his neighbourhood.
    await page.reload();
    await page.locator('.item-card', { hasText: text }).waitFor({ timeout: 10_000 });
    const kind = await page.evaluate(async (t) => {
      const stream = await (await fetch('/api/stream?scope=city')).json();
      return stream.items.find((i) => (i.summary ?? '').includes(t))?.container?.kind;
    }, text);
    assert.equal(kind, 'city');
    await checkPage(rolf, '/city with its composer');
  });

  await t.test('Rolf switches his language setting to English: the signed-in pages are English and accessible', async () => {
    const { page } = rolf;
    await page.goto('/settings');
    await page.getByLabel('Sprache', { exact: true }).selectOption('en');
    await page.locator('section[aria-labelledby="profile"]').getByRole('button', { name: 'Speichern' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor({ timeout: 10_000 });
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');

    // A new sign-in in a German browser follows the setting, not the browser.
    const english = await newSession(browser, server.url, { locale: 'de-DE' });
    sessions.push(english);
    await signIn(english, rolfMail, NEW_PASSWORD, 'My stream');
    const me = await english.page.evaluate(async () => (await (await fetch('/api/me')).json()).user);
    const announcement = await english.page.evaluate(async () => (await (await fetch('/api/stream?scope=home')).json()).items[0].id);
    const pages = [
      ['/', 'My stream'],
      ['/neighbourhood', 'My neighbourhood'],
      ['/city', 'Whole city'],
      ['/announcements', 'Announcements'],
      ['/notifications', 'Notifications'],
      ['/messages', 'Messages'],
      ['/messages/new', 'New message'],
      ['/search?q=Kanal', 'Search'],
      ['/settings', 'Settings'],
      [`/people/${me.id}`, 'Rolf Reiher'],
      [`/content/${announcement}`, null],
    ];
    for (const [path, heading] of pages) {
      await english.page.goto(path);
      const h1 = english.page.locator('main h1');
      if (heading) await english.page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor({ timeout: 10_000 });
      else await h1.waitFor();
      await english.page.waitForLoadState('networkidle');
      assert.equal(await english.page.evaluate(() => document.documentElement.lang), 'en', `${path} is marked English`);
      // Navigation and footer are English too.
      await english.page.getByRole('link', { name: 'Accessibility statement' }).waitFor();
      await english.page.locator('.main-nav').getByRole('link', { name: 'Messages' }).waitFor();
      await checkPage(english, `${path} in English`);
    }
    await english.page.goto('/messages');
    await english.page.getByRole('heading', { level: 1, name: 'Messages' }).waitFor();
    await shoot(english, 'messages-english-desktop');
    await english.page.setViewportSize({ width: 360, height: 740 });
    await english.page.goto('/settings');
    await english.page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await checkPage(english, '/settings in English at 360 px');
    await shoot(english, 'settings-english-phone');
  });
});
