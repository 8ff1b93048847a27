// "Fast geschafft" after registering, on a phone (390 px), against the real server:
// - the page repeats the address the mail went to and offers to send it again; sending again
//   writes a second confirmation mail, and the link in it confirms the address;
// - a failed resend says so in words and keeps the button;
// - on a trial without a mail server (development mode, mails written to a folder) the page and
//   the sign-in page of an unconfirmed address name that folder; a server that sends mail over
//   SMTP never shows it.
// Every state passes axe-core; screenshots of the phone layout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { suiteGate } from './lib/env.mjs';
import { startServer } from './lib/server.mjs';
import { launch, newSession } from './lib/browser.mjs';
import { PASSWORD, submitRegistration, checkPage, shoot } from './lib/accounts.mjs';
import { failRequests } from './lib/faults.mjs';

const gate = suiteGate();
let trial;
let smtpServer;
let browser;
const sessions = [];
const run = Date.now().toString(36);

before(async () => {
  if (gate.skip || gate.missing.length) return;
  trial = await startServer();
  smtpServer = await startServer({ smtp: true });
  browser = await launch();
});

after(async () => {
  for (const s of sessions) await s.context.close().catch(() => {});
  await browser?.close();
  await trial?.stop();
  await smtpServer?.stop();
});

async function phone(server) {
  const s = await newSession(browser, server.url, { width: 390, height: 844 });
  sessions.push(s);
  return s;
}

const confirmations = (server, email) =>
  server.mails().filter((raw) => raw.toLowerCase().includes(email.toLowerCase()) && /confirm\?token=/.test(raw)).length;

test('"Fast geschafft" repeats the address, sends the mail again and, on a trial, says where mails land', async (t) => {
  if (gate.skip) return t.skip(gate.skip);
  assert.deepEqual(gate.missing, [], `missing: ${gate.missing.join(', ')}`);
  const session = await phone(trial);
  const { page } = session;
  const email = `rosa-${run}@example.org`;
  await page.goto('/register');
  await submitRegistration(page, `Rosa ${run}`, email);
  const main = page.locator('main');
  assert.equal((await main.getByTestId('register-address').textContent()).trim(), email);
  const hint = main.getByTestId('demo-mail-hint');
  assert.match(await hint.textContent(), /Probe-Installation ohne Mailserver/);
  assert.ok((await hint.textContent()).includes(trial.outbox), 'the hint names the outbox folder');
  await checkPage(trial, session, 'registration done (trial)');
  await shoot(browser, session, 'register-done-phone');
  await trial.waitForMail(email, /(\/confirm\?token=[A-Za-z0-9_\-.%]+)/);
  assert.equal(confirmations(trial, email), 1);

  // A resend that fails says so and keeps the button.
  const letThrough = await failRequests(page, '**/api/auth/confirm/resend', { status: 500 });
  await main.getByRole('button', { name: 'Bestätigungs-E-Mail erneut senden' }).click();
  await main.getByText('Testfehler: der Server antwortet nicht.').waitFor();
  assert.equal(confirmations(trial, email), 1, 'nothing sent by the failed request');
  await letThrough();

  await main.getByRole('button', { name: 'Bestätigungs-E-Mail erneut senden' }).click();
  await main.getByText('ist eine neue E-Mail unterwegs', { exact: false }).first().waitFor();
  const deadline = Date.now() + 20_000;
  while (confirmations(trial, email) < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  assert.equal(confirmations(trial, email), 2, 'a second confirmation mail');
  await checkPage(trial, session, 'confirmation sent again');

  // Signing in before confirming names the folder too; then the newest link confirms.
  await page.goto('/login');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort').fill(PASSWORD);
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  await main.getByTestId('demo-mail-hint').waitFor();
  await checkPage(trial, session, 'login of an unconfirmed address (trial)');
  const link = await trial.waitForMail(email, /(\/confirm\?token=[A-Za-z0-9_\-.%]+)/);
  await page.goto(link);
  await main.getByText('Ihre E-Mail-Adresse ist bestätigt').waitFor({ timeout: 15_000 });
});

test('a server that sends mail never shows the trial hint', async (t) => {
  if (gate.skip) return t.skip(gate.skip);
  const meta = await (await fetch(`${smtpServer.url}/api/meta`)).json();
  assert.equal(meta.mail_outbox, undefined);
  const session = await phone(smtpServer);
  const { page } = session;
  const email = `jonas-${run}@example.org`;
  await page.goto('/register');
  await submitRegistration(page, `Jonas ${run}`, email);
  const main = page.locator('main');
  assert.equal((await main.getByTestId('register-address').textContent()).trim(), email);
  assert.equal(await main.getByTestId('demo-mail-hint').count(), 0);
  await checkPage(smtpServer, session, 'registration done (SMTP)');
});
