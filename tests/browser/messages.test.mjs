// Direct messages through the UI against the real server: Anna starts a conversation with Bernd
// by picking him by name; Bernd sees the unread badge appear live, reads and answers, and Anna
// sees the answer arrive without reloading; a small group with a name; Bernd blocks Anna and both
// are told in words what that means; Anna blocks and unblocks Carla on her profile. A conversation
// page reads its members' names from GET /api/conversations/{id}, no per-person lookups. axe-core on every page, no foreign requests, screenshots at
// desktop and phone width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { suiteGate } from './lib/env.mjs';
import { startServer } from './lib/server.mjs';
import { launch, newSession } from './lib/browser.mjs';
import { checkPage as checkPageWith, shoot as shootWith, login, addUser } from './lib/accounts.mjs';

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
  const r = await fetch(`${server.url}/api/conversations`);
  if (r.status === 404) missing = 'GET /api/conversations is not served (404)';
});

after(async () => {
  for (const s of sessions) await s.context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

const checkPage = (session, label) => checkPageWith(server, session, label);
const shoot = (session, name) => shootWith(browser, session, name);
const badge = (session) => session.page.locator('.main-nav a[href="/messages"] .badge');

test('messages: start a conversation, live delivery, unread badge, group, blocking', { skip: gate.skip }, async (t) => {
  if (missing) {
    t.skip(`the server has no messages API yet: ${missing}`);
    return;
  }
  const annaMail = `anna-${run}@example.org`;
  const berndMail = `bernd-${run}@example.org`;
  const carlaMail = `carla-${run}@example.org`;
  addUser(server, { email: annaMail, name: 'Anna Kanal' });
  addUser(server, { email: berndMail, name: 'Bernd Brückner' });
  addUser(server, { email: carlaMail, name: 'Carla Uferweg' });
  const anna = await newSession(browser, server.url);
  const bernd = await newSession(browser, server.url);
  sessions.push(anna, bernd);
  await login(anna, annaMail);
  await login(bernd, berndMail);
  const first = `Hallo Bernd, leihst du mir deine Leiter? ${run}`;
  const answer = `Klar, ich stelle sie dir vor die Tür. ${run}`;

  await t.test('Anna finds Bernd by name and starts a conversation', async () => {
    const { page } = anna;
    await page.getByRole('link', { name: 'Nachrichten', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Nachrichten' }).waitFor();
    await page.locator('main').getByText('Sie haben noch keine Gespräche.').waitFor({ timeout: 10_000 });
    await checkPage(anna, '/messages (empty)');
    await page.getByRole('link', { name: 'Neue Nachricht' }).click();
    await page.getByRole('heading', { level: 1, name: 'Neue Nachricht' }).waitFor();
    await checkPage(anna, '/messages/new');
    // Without a person the page says what to do.
    await page.getByLabel('Ihre Nachricht').fill(first);
    await page.getByRole('button', { name: 'Gespräch beginnen' }).click();
    await page.locator('main [role="alert"]').getByText('Bitte wählen Sie mindestens eine Person aus').waitFor();
    await page.getByLabel('Person suchen').fill('Bernd');
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.getByRole('button', { name: 'Hinzufügen Bernd Brückner' }).click();
    await page.locator('.pick-list', { hasText: 'Bernd Brückner' }).getByRole('button', { name: 'Entfernen Bernd Brückner' }).waitFor();
    // The button that was pressed is gone: focus is back in the search field, not lost.
    await page.waitForFunction(() => document.activeElement?.getAttribute('type') === 'search');
    await checkPage(anna, '/messages/new with a person chosen');
    await shoot(anna, 'messages-new-desktop');
    await page.getByRole('button', { name: 'Gespräch beginnen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gespräch mit Bernd Brückner' }).waitFor({ timeout: 10_000 });
    await page.locator('.message', { hasText: first }).waitFor();
    await checkPage(anna, 'conversation (Anna)');
  });

  await t.test('Bernd sees the unread badge live, opens the conversation, and it is read', async () => {
    const { page } = bernd;
    await badge(bernd).waitFor({ timeout: 15_000 });
    assert.match(await badge(bernd).innerText(), /1/);
    await page.getByRole('link', { name: /^Nachrichten/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Nachrichten' }).waitFor();
    const entry = page.locator('.conversation', { hasText: 'Anna Kanal' });
    await entry.waitFor({ timeout: 10_000 });
    await entry.getByText('1 ungelesene Nachricht').waitFor();
    await checkPage(bernd, '/messages with an unread conversation');
    await shoot(bernd, 'messages-desktop');
    const asked = [];
    const record = (req) => asked.push(new URL(req.url()).pathname + new URL(req.url()).search);
    page.on('request', record);
    await entry.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: 'Gespräch mit Anna Kanal' }).waitFor();
    await page.locator('.message', { hasText: first }).waitFor();
    await page.locator('.member-list li', { hasText: 'Anna Kanal' }).waitFor();
    page.off('request', record);
    // One request for the conversation with its names: no paging through the list (the badge's
    // limit=1 count is fine), no profile lookups.
    assert.ok(asked.some((u) => /^\/api\/conversations\/\d+$/.test(u)), `asked: ${asked.join(' ')}`);
    const paging = (u) => u.startsWith('/api/conversations?') && !/^\/api\/conversations\?limit=1$/.test(u);
    assert.ok(!asked.some((u) => u.startsWith('/api/users/') || paging(u)), `asked: ${asked.join(' ')}`);
    await badge(bernd).waitFor({ state: 'detached', timeout: 10_000 });
    await checkPage(bernd, 'conversation (Bernd)');
  });

  await t.test('Bernd answers; Anna sees the answer arrive without reloading', async () => {
    // Anna has the conversation open: the answer is marked read as it arrives.
    const markedRead = anna.page.waitForResponse((r) => /\/api\/conversations\/\d+\/read$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST');
    const recounted = anna.page.waitForResponse((r) => r.url().endsWith('/api/conversations?limit=1'));
    await bernd.page.getByLabel('Ihre Nachricht').fill(answer);
    await bernd.page.getByRole('button', { name: 'Senden' }).click();
    await bernd.page.locator('.message.mine', { hasText: answer }).waitFor({ timeout: 10_000 });
    await anna.page.locator('.message', { hasText: answer }).waitFor({ timeout: 15_000 });
    // ... and counts as read at once: no badge once the unread count was asked again.
    await markedRead;
    await recounted;
    assert.equal(await badge(anna).count(), 0);
    await checkPage(anna, 'conversation with a live answer');
    await shoot(anna, 'conversation-desktop');
  });

  await t.test('Anna starts a named group with Bernd and Carla; it shows in Bernd’s list live', async () => {
    const { page } = anna;
    await bernd.page.goto('/messages');
    await bernd.page.locator('.conversation').first().waitFor({ timeout: 10_000 });
    await page.goto('/messages/new');
    for (const name of ['Bernd Brückner', 'Carla Uferweg']) {
      await page.getByLabel('Person suchen').fill(name.split(' ')[0]);
      await page.getByRole('button', { name: 'Suchen' }).click();
      await page.getByRole('button', { name: `Hinzufügen ${name}` }).click();
      // Adding moves focus back to the search field a moment later; typing elsewhere before that
      // would land in the search field, as it would for a person typing that fast.
      await page.waitForFunction(() => document.activeElement?.getAttribute('type') === 'search');
    }
    await page.getByLabel('Name der Gruppe').fill(`Hoffest ${run}`);
    await page.getByLabel('Ihre Nachricht').fill('Wer bringt Bänke mit?');
    await checkPage(anna, '/messages/new (group)');
    await page.getByRole('button', { name: 'Gespräch beginnen' }).click();
    await page.getByRole('heading', { level: 1, name: `Gespräch mit Hoffest ${run}` }).waitFor({ timeout: 10_000 });
    await page.locator('.member-list li', { hasText: 'Carla Uferweg' }).waitFor();
    await bernd.page.locator('.conversation', { hasText: `Hoffest ${run}` }).getByText('1 ungelesene Nachricht').waitFor({ timeout: 15_000 });
    await badge(bernd).waitFor({ timeout: 10_000 });
    await checkPage(bernd, '/messages with a group');
  });

  await t.test('a profile links to writing to that person, who is already chosen', async () => {
    const { page } = anna;
    const carla = await page.evaluate(async () => (await (await fetch('/api/search?q=Carla')).json()).people[0].id);
    await page.goto(`/people/${carla}`);
    await page.getByRole('link', { name: 'Nachricht an Carla Uferweg schreiben' }).click();
    await page.getByRole('heading', { level: 1, name: 'Neue Nachricht' }).waitFor();
    await page.locator('.pick-list').getByRole('button', { name: 'Entfernen Carla Uferweg' }).waitFor({ timeout: 10_000 });
    await checkPage(anna, '/messages/new?to=');
  });

  await t.test('Anna blocks Carla on her profile, is told what it means, and unblocks', async () => {
    const { page } = anna;
    const carla = await page.evaluate(async () => (await (await fetch('/api/search?q=Carla')).json()).people[0].id);
    await page.goto(`/people/${carla}`);
    await page.getByRole('heading', { level: 1, name: 'Carla Uferweg' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Blockieren' }).waitFor({ timeout: 10_000 });
    await checkPage(anna, 'profile with block control');
    await page.getByRole('button', { name: 'Blockieren Carla Uferweg' }).click();
    await page.locator('main').getByText('erfährt davon nichts').waitFor();
    await page.waitForFunction(() => document.activeElement?.classList.contains('block-question'));
    await checkPage(anna, 'profile block question');
    await page.getByRole('button', { name: 'Ja, Carla Uferweg blockieren' }).click();
    await page.locator('main').getByText('Sie haben Carla Uferweg blockiert.').waitFor({ timeout: 10_000 });
    await page.locator('.tag-blocked').waitFor();
    assert.equal(await page.getByRole('link', { name: 'Nachricht an Carla Uferweg schreiben' }).count(), 0, 'no write link while blocked');
    // Focus stays on the control that replaced the pressed one.
    await page.waitForFunction(() => document.activeElement?.textContent?.includes('Blockierung aufheben'));
    assert.deepEqual(await page.evaluate(async () => (await (await fetch('/api/blocks')).json()).items), [carla]);
    await checkPage(anna, 'profile after blocking');
    await shoot(anna, 'profile-blocked-desktop');
    await page.getByRole('button', { name: 'Blockierung aufheben Carla Uferweg' }).click();
    await page.getByRole('link', { name: 'Nachricht an Carla Uferweg schreiben' }).waitFor({ timeout: 10_000 });
    assert.deepEqual(await page.evaluate(async () => (await (await fetch('/api/blocks')).json()).items), []);
  });

  await t.test('phone width: the messages pages fit and stay accessible', async () => {
    const phone = await newSession(browser, server.url, { width: 360, height: 740 });
    sessions.push(phone);
    await login(phone, berndMail);
    await phone.page.goto('/messages');
    await phone.page.locator('.conversation').first().waitFor({ timeout: 10_000 });
    await checkPage(phone, '/messages at 360 px');
    await shoot(phone, 'messages-phone');
    await phone.page.locator('.conversation').getByRole('link', { name: 'Anna Kanal', exact: true }).click();
    await phone.page.locator('.message', { hasText: answer }).waitFor({ timeout: 10_000 });
    await checkPage(phone, 'conversation at 360 px');
    await shoot(phone, 'conversation-phone');
    await phone.page.goto('/messages/new');
    await phone.page.getByRole('heading', { level: 1, name: 'Neue Nachricht' }).waitFor();
    await checkPage(phone, '/messages/new at 360 px');
    await shoot(phone, 'messages-new-phone');
    await phone.page.setViewportSize({ width: 320, height: 700 });
    for (const path of ['/messages', '/messages/new']) {
      await phone.page.goto(path);
      await phone.page.waitForSelector('main h1');
      const wide = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(wide <= 1, `${path} scrolls sideways by ${wide}px at 320 px`);
    }
  });

  await t.test('Bernd blocks Anna: both are told in words what that means', async () => {
    const { page } = bernd;
    await page.goto('/messages');
    await page.locator('.conversation').getByRole('link', { name: 'Anna Kanal', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Gespräch mit Anna Kanal' }).waitFor();
    await page.getByRole('button', { name: 'Blockieren Anna Kanal' }).click();
    await page.locator('main').getByText('erfährt davon nichts').waitFor();
    await page.waitForFunction(() => document.activeElement?.classList.contains('block-question'));
    await checkPage(bernd, 'block question');
    await page.getByRole('button', { name: 'Ja, Anna Kanal blockieren' }).click();
    await page.locator('main').getByText('Sie haben Anna Kanal blockiert.').waitFor({ timeout: 10_000 });
    await page.locator('main').getByText('Heben Sie die Blockierung unten auf').waitFor();
    assert.equal(await page.getByLabel('Ihre Nachricht').count(), 0, 'no message form while blocked');
    await checkPage(bernd, 'conversation after blocking');
    await shoot(bernd, 'conversation-blocked-desktop');

    // Anna still has the conversation open; her next message is refused, and she is told why.
    await anna.page.goto('/messages');
    await anna.page.locator('.conversation').getByRole('link', { name: 'Bernd Brückner', exact: true }).click();
    await anna.page.getByLabel('Ihre Nachricht').fill('Hallo?');
    await anna.page.getByRole('button', { name: 'Senden' }).click();
    const alert = anna.page.locator('main form [role="alert"]');
    await alert.getByText('Ihre Nachricht wurde nicht zugestellt').waitFor({ timeout: 10_000 });
    await checkPage(anna, 'conversation, message refused');

    // Unblocking restores the form.
    await page.getByRole('button', { name: 'Blockierung aufheben Anna Kanal' }).click();
    await page.getByLabel('Ihre Nachricht').waitFor({ timeout: 10_000 });
  });
});
