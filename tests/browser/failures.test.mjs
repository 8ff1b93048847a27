// What the UI does when a request fails (answered 500 or dropped as a lost connection would,
// by playwright's route interception): nothing goes blank, nothing reads as "there is nothing
// here", no editor opens on text that was not loaded, and every failure offers a retry that
// works once the server answers again. The resident's pages run at 360 px and by keyboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { suiteGate } from './lib/env.mjs';
import { startServer } from './lib/server.mjs';
import { launch, newSession } from './lib/browser.mjs';
import { checkPage as checkPageWith, login, addUser, createNeighbourhood } from './lib/accounts.mjs';
import { apiAs, failRequests, liveOpen } from './lib/faults.mjs';

const gate = suiteGate();
let server;
let browser;
const sessions = [];
const run = Date.now().toString(36);
const IMPRINT = `Stadtverwaltung Teststadt ${run}, Rathausplatz 1, 12345 Teststadt. Vertreten durch die Bürgermeisterin.`;
const PHONE = { width: 360, height: 740 };

before(async () => {
  if (gate.skip || gate.missing.length) return;
  server = await startServer();
  browser = await launch();
});

after(async () => {
  for (const s of sessions) await s.context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

const checkPage = (session, label) => checkPageWith(server, session, label);
/** The retry button of the alert that says `what`, pressed by keyboard. */
async function retryByKeyboard(page, scope) {
  const button = scope.getByRole('button', { name: /^Erneut versuchen/ });
  await button.focus();
  await page.keyboard.press('Enter');
}

test('failing requests: malformed address, admin legal page, legal texts, profile posts, urgent banner', { skip: gate.skip }, async (t) => {
  assert.deepEqual(gate.missing, []);
  const adminMail = `petra-${run}@example.org`;
  const staffMail = `stefan-${run}@example.org`;
  const ritaMail = `rita-${run}@example.org`;
  addUser(server, { email: adminMail, name: 'Petra Verwaltung', role: 'admin' });
  addUser(server, { email: staffMail, name: 'Stefan Feuerwehr', role: 'staff', department: 'Feuerwehr' });
  const admin = await newSession(browser, server.url);
  const staff = await newSession(browser, server.url);
  const rita = await newSession(browser, server.url, PHONE);
  sessions.push(admin, staff, rita);
  await login(admin, adminMail);
  await createNeighbourhood(admin, 'Mühlenviertel', `muehle-${run}`);
  addUser(server, { email: ritaMail, name: 'Rita Mühlbach', neighbourhood: `muehle-${run}` });
  await login(rita, ritaMail);
  await login(staff, staffMail);

  await t.test('a malformed address is "page not found" inside the frame, not a blank page', async () => {
    const { page } = rita;
    await page.goto('/content/%E0');
    await page.getByRole('heading', { level: 1, name: 'Seite nicht gefunden' }).waitFor();
    await page.locator('main').getByText('Zeichen, die nicht gelesen werden können').waitFor();
    // The frame still works: the bottom bar leads home.
    await page.getByRole('navigation', { name: 'Schnellzugriff' }).getByRole('link', { name: 'Mein Stream' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mein Stream' }).waitFor();
    await page.goto('/people/%E0%A4');
    await page.getByRole('heading', { level: 1, name: 'Seite nicht gefunden' }).waitFor();
    await checkPage(rita, 'malformed address at 360 px');
  });

  await t.test('admin legal page: a failed load opens no editor, so the real text cannot be overwritten', async () => {
    const { page } = admin;
    await apiAs(page, 'PUT', '/api/admin/legal/imprint', { body: IMPRINT });
    const restore = await failRequests(page, '**/api/legal/imprint', { status: 500 });
    await page.goto('/admin/legal');
    const alert = page.locator('main [role="alert"]', { hasText: 'Der bisherige Text konnte nicht geladen werden' });
    await alert.waitFor();
    assert.equal(await page.getByLabel('Inhalt').count(), 0, 'no editor after a failed load');
    assert.equal(await page.getByRole('button', { name: 'Neue Version veröffentlichen' }).count(), 0, 'no publish button after a failed load');
    await checkPage(admin, 'admin legal page after a failed load');
    // A lost connection for another kind: the same, said as a connection problem.
    const restorePrivacy = await failRequests(page, '**/api/legal/privacy', { abort: true });
    await page.getByLabel('Text', { exact: true }).selectOption('privacy');
    await page.locator('main [role="alert"]', { hasText: 'Der Server ist nicht erreichbar' }).waitFor();
    assert.equal(await page.getByLabel('Inhalt').count(), 0);
    await restorePrivacy();
    // Both alerts share their heading, so wait for the imprint's own failed answer before the
    // alert counts: otherwise the privacy alert still on screen would satisfy the wait, the
    // route would be restored before the imprint was asked for, and no alert would follow.
    const imprintFailed = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/legal/imprint' && r.status() === 500);
    await page.getByLabel('Text', { exact: true }).selectOption('imprint');
    await imprintFailed;
    await alert.waitFor();
    await restore();
    await retryByKeyboard(page, alert);
    const editor = page.getByLabel('Inhalt');
    await editor.waitFor();
    assert.equal(await editor.inputValue(), IMPRINT, 'the editor opens on the real text once it loads');
    const stored = await apiAs(page, 'GET', '/api/legal/imprint');
    assert.equal(stored.body, IMPRINT);
  });

  await t.test('imprint page: a failed load is not "no imprint"; the retry shows the text', async () => {
    const { page } = rita;
    const restore = await failRequests(page, '**/api/legal/imprint', { status: 500 });
    await page.goto('/imprint');
    const alert = page.locator('main [role="alert"]', { hasText: 'Der Text konnte nicht geladen werden.' });
    await alert.waitFor();
    assert.equal(await page.locator('main').getByText('hat diesen Text noch nicht hinterlegt').count(), 0);
    await checkPage(rita, 'imprint after a failed load at 360 px');
    await restore();
    await retryByKeyboard(page, alert);
    await page.locator('main').getByText(IMPRINT).waitFor();
  });

  await t.test("a profile's posts that fail to load say so, with a retry", async () => {
    const post = await apiAs(rita.page, 'POST', '/api/posts', { body: `Wer hat meinen Schlüssel am Mühlbach gesehen? ${run}` });
    const me = await apiAs(rita.page, 'GET', '/api/me');
    const ritaId = me.user?.id ?? me.id;
    const { page } = admin;
    const restore = await failRequests(page, /\/api\/stream\?scope=profile/, { abort: true });
    await page.goto(`/people/${ritaId}`);
    const alert = page.locator('main [role="alert"]', { hasText: 'Die Beiträge konnten nicht geladen werden.' });
    await alert.waitFor();
    assert.equal(await page.locator('main').getByText('Noch keine Beiträge').count(), 0);
    await checkPage(admin, 'profile with failed posts');
    await restore();
    await retryByKeyboard(page, alert);
    await page.locator(`main a[href="/content/${post.id}"]`).first().waitFor();
  });

  await t.test('an urgent announcement whose item fails to load still shows, links to it and retries', async () => {
    const { page } = rita;
    await page.goto('/notifications');
    await page.getByRole('heading', { level: 1, name: 'Benachrichtigungen' }).waitFor();
    await liveOpen(page);
    const restore = await failRequests(page, /\/api\/content\/\d+$/, { status: 500 });
    const title = `Sturmwarnung Mühlenviertel ${run}`;
    const item = await apiAs(staff.page, 'POST', '/api/announcements', { title, body: 'Bitte sichern Sie lose Gegenstände.', urgent: true });
    const banner = page.locator('.urgent-banner');
    await banner.getByText('Die dringende Meldung konnte nicht geladen werden.').waitFor();
    assert.equal(await banner.getByRole('link', { name: 'Dringende Meldung öffnen' }).getAttribute('href'), `/content/${item.id}`);
    await checkPage(rita, 'urgent banner after a failed load at 360 px');
    await restore();
    await retryByKeyboard(page, banner);
    await banner.getByRole('link', { name: title }).waitFor();
    await banner.getByRole('button', { name: /Hinweis schließen/ }).click();
    await banner.waitFor({ state: 'detached' });
  });
});
