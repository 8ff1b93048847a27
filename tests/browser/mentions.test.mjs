// "@" mentions in the composer on a phone (390 px), against the real server:
// - typing "@Cla" suggests Clara; the arrow keys and Enter take her, and the text gets the link
//   the server turns into a mention; the post's page links to her profile;
// - Clara's notifications say who mentioned her and where;
// - when the people search fails, there are simply no suggestions: the words stay and the post
//   goes out.
// Every state passes axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { suiteGate } from './lib/env.mjs';
import { startServer } from './lib/server.mjs';
import { launch, newSession } from './lib/browser.mjs';
import { addUser, checkPage, login, createNeighbourhood, shoot } from './lib/accounts.mjs';
import { failRequests } from './lib/faults.mjs';

const gate = suiteGate();
let server;
let browser;
const sessions = [];
const run = Date.now().toString(36);

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

async function phone() {
  const s = await newSession(browser, server.url, { width: 390, height: 844 });
  sessions.push(s);
  return s;
}

test('Anna mentions Clara by typing "@Cla" and choosing her with the keyboard; Clara is told who and where', { skip: gate.skip }, async () => {
  addUser(server, { email: `admin-${run}@example.org`, name: 'Admin', role: 'admin' });
  const admin = await phone();
  await login(admin, `admin-${run}@example.org`);
  await createNeighbourhood(admin, 'Altstadt', 'altstadt');
  addUser(server, { email: `anna-${run}@example.org`, name: 'Anna Adler', neighbourhood: 'altstadt' });
  addUser(server, { email: `clara-${run}@example.org`, name: 'Clara Conrad', neighbourhood: 'altstadt' });

  const anna = await phone();
  await login(anna, `anna-${run}@example.org`);
  const { page } = anna;
  const text = page.getByLabel('Was gibt es Neues in Ihrem Quartier?');
  await text.click();
  await text.pressSequentially('Kommt jemand mit zum Flohmarkt, @Cla');
  const option = page.getByRole('option', { name: /Clara Conrad/ });
  await option.waitFor();
  assert.equal(await text.getAttribute('aria-autocomplete'), 'list');
  assert.equal(await option.getAttribute('aria-selected'), 'true');
  await checkPage(server, anna, 'composer with mention suggestions');
  await shoot(browser, anna, 'mention-suggestions-phone');
  await text.press('Enter');
  const value = await text.inputValue();
  const claraId = Number(/\[@Clara Conrad\]\(\/people\/(\d+)\) $/.exec(value)?.[1]);
  assert.ok(claraId > 0, `the text holds the mention link: ${value}`);
  assert.equal(await page.getByRole('listbox').count(), 0, 'the suggestions closed');
  await text.pressSequentially('?');
  await page.getByRole('button', { name: 'Veröffentlichen' }).click();
  const card = page.locator('.item-card', { hasText: 'Kommt jemand mit zum Flohmarkt' });
  await card.waitFor();
  // The post's own page shows the mention as a link to Clara's profile.
  const id = await page.evaluate(async () => (await (await fetch('/api/stream')).json()).items[0].id);
  await page.goto(`/content/${id}`);
  await page.locator('main').getByRole('link', { name: '@Clara Conrad' }).waitFor();
  assert.equal(await page.locator(`main a[href="/people/${claraId}"]`).count(), 1, 'the post links to Clara');

  const clara = await phone();
  await login(clara, `clara-${run}@example.org`);
  await clara.page.goto('/notifications');
  await clara.page.locator('.notification-list li', { hasText: 'Anna Adler hat Sie im Quartier Altstadt erwähnt' }).waitFor();
  await checkPage(server, clara, 'notifications with who and where');
});

test('a failing people search leaves the words alone and the post goes out', { skip: gate.skip }, async () => {
  const anna = await phone();
  await login(anna, `anna-${run}@example.org`);
  const { page } = anna;
  await failRequests(page, '**/api/search?**', { status: 500 });
  const text = page.getByLabel('Was gibt es Neues in Ihrem Quartier?');
  await text.click();
  await text.pressSequentially('Gruß an @Cla und alle');
  assert.equal(await page.getByRole('listbox').count(), 0);
  assert.equal(await text.inputValue(), 'Gruß an @Cla und alle');
  await page.getByRole('button', { name: 'Veröffentlichen' }).click();
  await page.locator('.item-card', { hasText: 'Gruß an @Cla und alle' }).waitFor();
  await checkPage(server, anna, 'post without suggestions');
});

test('a tap on a suggestion takes it too, and the text keeps the focus', { skip: gate.skip }, async () => {
  const anna = await phone();
  await login(anna, `anna-${run}@example.org`);
  const { page } = anna;
  const text = page.getByLabel('Was gibt es Neues in Ihrem Quartier?');
  await text.click();
  await text.pressSequentially('Danke @Cla');
  await page.getByRole('option', { name: /Clara Conrad/ }).click();
  assert.match(await text.inputValue(), /^Danke \[@Clara Conrad\]\(\/people\/\d+\) $/);
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'TEXTAREA');
  assert.equal(await page.getByRole('listbox').count(), 0);
});
