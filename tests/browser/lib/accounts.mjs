// Account steps shared by the flow tests, done through the UI as a person would.
import assert from 'node:assert/strict';
import { axe, formatViolations, foreignRequests, screenshot, headingProblems } from './browser.mjs';

export const PASSWORD = 'Fahrradweg am Kanal 2026!';

export async function checkPage(server, session, label) {
  await session.page.waitForSelector('main h1');
  const violations = await axe(session.page);
  assert.equal(formatViolations(violations), '', `axe-core violations on ${label}`);
  assert.deepEqual(await headingProblems(session.page), [], `headings out of order on ${label}`);
  assert.deepEqual(foreignRequests(session.requests, server.url), [], `requests to another origin (${label})`);
  assert.deepEqual(session.problems, [], `CSP violations or page errors (${label})`);
}

export async function shoot(browser, session, name) {
  const shot = await screenshot(browser, session.page, name);
  assert.ok(!shot.blank, `${shot.file} looks blank`);
}

/** Fills the open /register form (first neighbourhood, terms accepted), sends it and waits for the answer. */
export async function submitRegistration(page, name, email) {
  await page.getByLabel('Angezeigter Name').fill(name);
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort', { exact: false }).first().fill(PASSWORD);
  const select = page.getByLabel('Ihr Quartier');
  const options = await select.locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  if (options.length) await select.selectOption(options[0]);
  const consent = page.locator('#register-accept');
  if (await consent.count()) await consent.check();
  await page.getByRole('button', { name: 'Konto anlegen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Fast geschafft' }).waitFor({ timeout: 15_000 });
}

/** Registers through /register and confirms through the link in the outbox mail. */
export async function registerAndConfirm(server, session, name, email) {
  const { page } = session;
  await page.goto('/register');
  await checkPage(server, session, '/register');
  await submitRegistration(page, name, email);
  await checkPage(server, session, 'registration done');

  const link = await server.waitForMail(email, /(\/confirm\?token=[A-Za-z0-9_\-.%]+)/);
  await page.goto(link);
  await page.locator('main').getByText('Ihre E-Mail-Adresse ist bestätigt').waitFor({ timeout: 15_000 });
  await checkPage(server, session, '/confirm');
}

export async function login(session, email, heading = 'Mein Stream') {
  const { page } = session;
  await page.goto('/login');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort').fill(PASSWORD);
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 15_000 });
}

/** Gives an account a role with the operator's CLI (`quartier user set-role`); its sessions end. */
export function setRole(server, email, role) {
  server.cli(['user', 'set-role', email, role]);
  return true;
}

/** Creates an active account with the operator's CLI (`quartier user add`), e.g. the first admin. */
export function addUser(server, { email, name, role = 'resident', department, neighbourhood }) {
  const args = ['user', 'add', '--email', email, '--name', name, '--role', role, '--password-stdin'];
  if (department) args.push('--department', department);
  if (neighbourhood) args.push('--neighbourhood', neighbourhood);
  server.cli(args, PASSWORD + '\n');
}

/** Creates a neighbourhood through the admin API from a signed-in admin's page (with CSRF). */
export async function createNeighbourhood(session, name, slug) {
  return session.page.evaluate(
    async ({ name, slug }) => {
      const me = await (await fetch('/api/me')).json();
      const r = await fetch('/api/neighbourhoods', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
        body: JSON.stringify({ name, slug }),
      });
      if (!r.ok) throw new Error(`creating the neighbourhood failed: ${r.status} ${await r.text()}`);
      return r.json();
    },
    { name, slug },
  );
}
