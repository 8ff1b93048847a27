// The groups UI end to end against the real server with the groups plugin enabled: a resident
// creates a private group, invites a neighbour by link, the neighbour joins and posts, and the
// owner sees the post in the group's stream; a third person is invited by name and accepts. Every page passes axe-core; nothing leaves the
// server's origin. Uses the shared browser helpers of tests/browser/lib.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { suiteGate, serverBin } from '../../browser/lib/env.mjs';
import { startServer } from '../../browser/lib/server.mjs';
import { launch, newSession } from '../../browser/lib/browser.mjs';
import { PASSWORD, checkPage as checkPageWith, login } from '../../browser/lib/accounts.mjs';
import { drawnPicture } from '../../browser/lib/pictures.mjs';

const gate = suiteGate();
let server;
let browser;
const sessions = [];
const run = Date.now().toString(36);

before(async () => {
  if (gate.skip || gate.missing.length) return;
  server = await startServer({ extraToml: '[plugins]\nenabled = ["groups"]\n' });
  browser = await launch();
});

after(async () => {
  for (const s of sessions) await s.context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

const checkPage = (session, label) => checkPageWith(server, session, label);

// Accounts come from the operator's CLI (registration has its own browser tests); the server
// must not see the test's QUARTIER_* variables.
function addUser(name, email) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('QUARTIER_')));
  execFileSync(serverBin, ['--config', join(server.dir, 'quartier.toml'), 'user', 'add', '--email', email, '--name', name, '--password-stdin'],
    { input: `${PASSWORD}\n`, env });
}

test('groups: create a private group, invite by link, join, post', { skip: gate.skip }, async (t) => {
  assert.deepEqual(gate.missing, [], 'browser test prerequisites');
  const anna = await newSession(browser, server.url);
  const ben = await newSession(browser, server.url);
  const clara = await newSession(browser, server.url);
  sessions.push(anna, ben, clara);
  const claraMail = `clara-${run}@example.org`;
  const annaMail = `anna-${run}@example.org`;
  const benMail = `ben-${run}@example.org`;
  const groupName = `Gartenfreunde ${run}`;
  const postText = `Wer bringt am Samstag Tomatenpflanzen mit? ${run}`;
  let link = '';

  await t.test('all three sign in', async () => {
    addUser('Anna', annaMail);
    addUser('Ben', benMail);
    addUser(`Clara ${run}`, claraMail);
    await login(anna, annaMail);
    await login(ben, benMail);
    await login(clara, claraMail);
  });

  await t.test('anna finds the groups page and creates a private group', async () => {
    const { page } = anna;
    await page.getByRole('link', { name: 'Gruppen' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Gruppen' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Alle Gruppen' }).waitFor();
    await checkPage(anna, '/groups');
    await page.getByRole('link', { name: 'Gruppe gründen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Neue Gruppe' }).waitFor();
    await checkPage(anna, '/groups/new');
    await page.getByLabel('Name', { exact: true }).fill(groupName);
    await page.getByLabel('Beschreibung').fill('Wir gärtnern gemeinsam im Hinterhof.');
    await page.getByLabel('Kategorie').selectOption('nachbarschaft');
    await page.getByLabel(/^Privat/).check();
    await page.getByRole('button', { name: 'Gruppe gründen' }).click();
    await page.getByRole('heading', { level: 2, name: groupName }).waitFor({ timeout: 15_000 });
    await page.getByRole('heading', { level: 2, name: 'Einladungen' }).waitFor();
    await checkPage(anna, 'group page (owner)');
    // The group picture is uploaded in the settings, not given as an address, and shows at once.
    await page.getByLabel('Gruppenbild hochladen').setInputFiles({ name: 'garten.png', mimeType: 'image/png', buffer: await drawnPicture(page, 900, 600, 100) });
    await page.locator('img.group-image').waitFor();
    await page.waitForFunction(() => document.querySelector('img.group-image')?.naturalWidth > 0);
    assert.match(await page.locator('img.group-image').getAttribute('src'), /\/picture\?v=[0-9a-f]{16}$/);
    await checkPage(anna, 'group page with its picture');
  });

  await t.test('anna creates an invitation link', async () => {
    const { page } = anna;
    await page.getByRole('button', { name: 'Einladungslink erstellen' }).click();
    const field = page.getByLabel(/Link erstellt/);
    await field.waitFor({ timeout: 10_000 });
    link = await field.inputValue();
    assert.match(link, /\/groups\/join\/[0-9a-f]{64}$/);
    await checkPage(anna, 'invitation link');
  });

  await t.test('ben sees the group listed but not its posts, then joins through the link', async () => {
    const { page } = ben;
    await page.goto('/groups');
    // Listed in the directory (and among the suggestions), as a private group is.
    await page.getByRole('region', { name: 'Alle Gruppen' }).getByRole('link', { name: groupName }).click();
    await page.getByText('Die Beiträge sehen nur Mitglieder.').waitFor({ timeout: 10_000 });
    await checkPage(ben, 'group page (outsider)');
    await page.goto(new URL(link).pathname);
    await page.getByRole('heading', { level: 2, name: groupName }).waitFor({ timeout: 10_000 });
    await checkPage(ben, '/groups/join/:token');
    await page.getByRole('button', { name: 'Der Gruppe beitreten' }).click();
    await page.getByLabel('Ihr Beitrag').waitFor({ timeout: 10_000 });
    await checkPage(ben, 'group page (member)');
  });

  await t.test('ben posts into the group and anna reads it there', async () => {
    await ben.page.getByLabel('Ihr Beitrag').fill(postText);
    await ben.page.getByRole('button', { name: 'Veröffentlichen' }).click();
    await ben.page.locator('main .group-stream li', { hasText: postText }).waitFor({ timeout: 10_000 });
    await anna.page.reload();
    await anna.page.locator('main .group-stream li', { hasText: postText }).waitFor({ timeout: 10_000 });
    await anna.page.getByRole('heading', { level: 2, name: 'Mitglieder' }).waitFor();
    assert.equal(await anna.page.locator('main .people-list li').count(), 2);
    await checkPage(anna, 'group page with a post');
  });

  await t.test('anna invites clara by name; clara accepts on her invitations page', async () => {
    const { page } = anna;
    await page.getByLabel('Name der Person').fill(`Clara ${run}`);
    await page.getByRole('button', { name: 'Personen suchen' }).click();
    await page.getByRole('button', { name: `Clara ${run} einladen` }).click();
    await page.getByRole('heading', { level: 3, name: 'Eingeladene Personen' }).waitFor({ timeout: 10_000 });
    await checkPage(anna, 'invitation by name');
    await clara.page.goto('/groups/invitations');
    await clara.page.getByRole('heading', { level: 2, name: groupName }).waitFor({ timeout: 10_000 });
    await checkPage(clara, '/groups/invitations');
    await clara.page.getByRole('button', { name: 'Annehmen' }).click();
    await clara.page.locator('main .group-stream li', { hasText: postText }).waitFor({ timeout: 10_000 });
    await checkPage(clara, 'group page after accepting');
  });
});
