// Going back and going offline, on the real server:
// - Back from a post to the stream shows the same list (the pages loaded so far, no reload from
//   the top) at the same scroll position;
// - a phone that loses its connection: posts written meanwhile appear once it is back online,
//   without a reload (the live socket reconnects at once on "online" and re-syncs the page).
// axe-core on the pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { suiteGate } from './lib/env.mjs';
import { startServer } from './lib/server.mjs';
import { launch, newSession } from './lib/browser.mjs';
import { checkPage, login, addUser, createNeighbourhood } from './lib/accounts.mjs';
import { apiAs, liveOpen } from './lib/faults.mjs';

const gate = suiteGate();
let server;
let browser;
const sessions = [];
const run = Date.now().toString(36);

before(async () => {
  if (gate.skip || gate.missing.length) return;
  server = await startServer({ extraToml: '[auth]\nwrites_per_user_10min = 1000\n' });
  browser = await launch();
});

after(async () => {
  for (const s of sessions) await s.context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

async function session(opts) {
  const s = await newSession(browser, server.url, opts);
  sessions.push(s);
  return s;
}

test('Back keeps the list and the place; a phone that was offline catches up by itself', { skip: gate.skip }, async (t) => {
  addUser(server, { email: `admin-${run}@example.org`, name: 'Admin', role: 'admin' });
  const admin = await session();
  await login(admin, `admin-${run}@example.org`);
  await createNeighbourhood(admin, 'Hafen', `hafen-${run}`);
  addUser(server, { email: `ida-${run}@example.org`, name: 'Ida Insel', neighbourhood: `hafen-${run}` });
  addUser(server, { email: `jan-${run}@example.org`, name: 'Jan Jolle', neighbourhood: `hafen-${run}` });
  const jan = await session();
  await login(jan, `jan-${run}@example.org`);
  for (let i = 1; i <= 30; ++i) {
    await apiAs(jan.page, 'POST', '/api/posts', { title: `Hafennotiz ${i}`, body: `Notiz Nummer ${i} vom Hafen.` });
  }

  await t.test('Back from a post: the same 30 cards at the same place, no reload from the top', async () => {
    const ida = await session();
    await login(ida, `ida-${run}@example.org`);
    const { page } = ida;
    const cards = page.locator('main .item-card');
    await cards.first().waitFor();
    while ((await cards.count()) < 30) {
      const shown = await cards.count();
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await cards.nth(shown).waitFor({ timeout: 15_000 });
    }
    const target = cards.filter({ hasText: 'Hafennotiz 5' }).first();
    await target.scrollIntoViewIfNeeded();
    const before = await page.evaluate(() => window.scrollY);
    assert.ok(before > 500, `scrolled down (${before})`);
    let streamRequests = 0;
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/stream') streamRequests += 1;
    });
    await target.getByRole('link', { name: 'Hafennotiz 5' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hafennotiz 5' }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Mein Stream' }).waitFor();
    await cards.nth(29).waitFor();
    assert.equal(await cards.count(), 30, 'both loaded pages are still there');
    await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 80, before, { timeout: 5_000 }).catch(async () =>
      assert.fail(`scroll position ${await page.evaluate(() => window.scrollY)} instead of about ${before}`),
    );
    assert.equal(streamRequests, 0, 'Back did not load the stream again from the top');
    await checkPage(server, ida, 'stream after Back');
  });

  await t.test('offline and back: posts written meanwhile appear without a reload', async () => {
    const ida = await session({ width: 390, height: 844 });
    const { page, context } = ida;
    // The live socket goes through the test, which cuts it as a lost network would (the
    // browser's offline switch alone leaves an open WebSocket alone) and refuses new ones
    // while "offline".
    let offline = false;
    const open = [];
    await page.routeWebSocket(/\/api\/live$/, (ws) => {
      if (offline) return ws.close();
      ws.connectToServer();
      open.push(ws);
    });
    await login(ida, `ida-${run}@example.org`);
    await page.locator('main .item-card').first().waitFor();
    await liveOpen(page);
    offline = true;
    await context.setOffline(true);
    for (const ws of open.splice(0)) await ws.close();
    await page.waitForFunction(() => document.documentElement.dataset.live !== 'open');
    await apiAs(jan.page, 'POST', '/api/posts', { title: `Während der Funkstille ${run}`, body: 'Geschrieben, als Ida offline war.' });
    assert.equal(await page.locator('main .item-card', { hasText: `Während der Funkstille ${run}` }).count(), 0);
    offline = false;
    await context.setOffline(false); // "online": the socket reconnects at once, not after its back-off
    await liveOpen(page);
    await page.locator('main .item-card', { hasText: `Während der Funkstille ${run}` }).waitFor({ timeout: 15_000 });
    await checkPage(server, ida, 'stream after coming back online');
  });
});
