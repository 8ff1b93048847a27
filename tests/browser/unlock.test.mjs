// Strangers guess a resident's password until the account locks for new devices: on her phone
// the sign-in page offers a link by mail, the link unlocks the phone, and she signs in, while her
// laptop (a known device) never noticed the lock. Phone-sized; every page passes axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { suiteGate } from './lib/env.mjs';
import { startServer } from './lib/server.mjs';
import { launch, newSession } from './lib/browser.mjs';
import { PASSWORD, addUser, checkPage, login } from './lib/accounts.mjs';

const gate = suiteGate();
let server;
let browser;
const sessions = [];

before(async () => {
  if (gate.skip || gate.missing.length) return;
  server = await startServer({ extraToml: '[auth]\nlogin_attempts_per_account_hour = 3\n' });
  browser = await launch();
});

after(async () => {
  for (const s of sessions) await s.context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

async function tryLogin(page, email, password) {
  await page.goto('/login');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort').fill(password);
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
}

test('a locked account: the known laptop signs in, the phone is unlocked by a link in the mail', { skip: gate.skip }, async () => {
  const email = 'paula.unlock@example.org';
  addUser(server, { email, name: 'Paula' });
  const laptop = await newSession(browser, server.url);
  const stranger = await newSession(browser, server.url);
  const phone = await newSession(browser, server.url, { width: 390, height: 844 });
  sessions.push(laptop, stranger, phone);
  await login(laptop, email);

  for (let i = 0; i < 3; ++i) {
    await tryLogin(stranger.page, email, `Falsch-geraten-${i}`);
    await stranger.page.getByRole('alert').getByText('stimmen nicht').waitFor();
  }

  await tryLogin(phone.page, email, PASSWORD);
  const alert = phone.page.getByRole('alert');
  await alert.getByText('Zu viele falsche Passwörter').waitFor();
  await checkPage(server, phone, 'login locked (phone)');
  await phone.page.getByRole('button', { name: 'Link zum Freischalten dieses Geräts senden' }).click();
  // In the page, not the live region that repeats it 50 ms later (both would match).
  await phone.page.locator('#main').getByText('ist eine E-Mail mit einem Link unterwegs').waitFor();

  // The laptop knows nothing of the lock.
  await login(laptop, email);

  const link = await server.waitForMail(email, /(\/unlock\?token=[A-Za-z0-9_\-.%]+)/);
  await phone.page.goto(link);
  await phone.page.getByRole('heading', { level: 1, name: 'Gerät freischalten' }).waitFor();
  await checkPage(server, phone, '/unlock (phone)');
  await phone.page.getByRole('button', { name: 'Dieses Gerät freischalten' }).click();
  await phone.page.getByText('Dieses Gerät ist freigeschaltet').waitFor();
  await login(phone, email);

  // The stranger, with the right password now, is still locked out.
  await tryLogin(stranger.page, email, PASSWORD);
  await stranger.page.getByRole('alert').getByText('Zu viele falsche Passwörter').waitFor();
  assert.equal(await stranger.page.getByRole('heading', { level: 1, name: 'Mein Stream' }).count(), 0);
});
