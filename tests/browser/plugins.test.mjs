// Plugin UI modules against the real server: with the reference plugin hello_c enabled, the
// shell loads /plugins/hello_c/ui/ui.js, shows its navigation entry and page, and the page
// passes axe-core; with no plugin enabled, the shell requests nothing under /plugins/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { suiteGate, repoRoot } from './lib/env.mjs';
import { startServer } from './lib/server.mjs';
import { launch, newSession, foreignRequests } from './lib/browser.mjs';
import { checkPage } from './lib/accounts.mjs';

const gate = suiteGate();
const pluginDir = process.env.QUARTIER_PLUGIN_DIR ?? join(repoRoot, 'build', 'lib', 'quartier', 'plugins');
const helloBuilt = existsSync(join(pluginDir, 'hello_c.so'));
let browser;

before(async () => {
  if (gate.skip || gate.missing.length) return;
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('an enabled plugin UI module adds its navigation and page', { skip: gate.skip || (!helloBuilt && `hello_c.so not built in ${pluginDir} (ninja -C build hello_c)`) }, async () => {
  const server = await startServer({ extraToml: `[plugins]\ndir = ${JSON.stringify(pluginDir)}\nenabled = ["hello_c"]\n` });
  const session = await newSession(browser, server.url);
  try {
    const meta = await (await fetch(`${server.url}/api/meta`)).json();
    const hello = meta.plugins.find((p) => p.name === 'hello_c');
    assert.ok(hello, '/api/meta lists hello_c');
    assert.equal(hello.ui, '/plugins/hello_c/ui.js');

    await session.page.goto('/');
    await session.page.waitForSelector('main h1');
    const link = session.page.locator('.main-nav').getByRole('link', { name: 'Notizen' });
    await link.waitFor({ timeout: 10_000 });
    await link.click();
    await session.page.getByRole('heading', { level: 1, name: 'Notizen' }).waitFor();
    await session.page.locator('.plugin-page p, .plugin-page ul, .plugin-page [role="alert"]').first().waitFor({ timeout: 10_000 });
    await checkPage(server, session, '/hello_c');
    assert.ok(session.requests.some((u) => u.endsWith('/plugins/hello_c/ui.js')), 'the UI module was loaded');

    // A direct visit to the plugin page works too (the server answers it with the shell).
    await session.page.goto('/hello_c');
    await session.page.getByRole('heading', { level: 1, name: 'Notizen' }).waitFor();
    assert.deepEqual(foreignRequests(session.requests, server.url), []);
  } finally {
    await session.context.close();
    await server.stop();
  }
});

// A UI module whose pages throw (one while mounting, one while rendering): served in place of
// hello_c's by route interception. Each page shows what failed inside the frame; the rest of
// the app keeps working.
const BROKEN_MODULE = `export function register(shell) {
  shell.addNavigation({ path: '/kaputt', label: 'Kaputt', requiresLogin: false });
  shell.addRoute('/kaputt', { title: () => 'Kaputt', requiresLogin: false, mount() { throw new Error('Absichtlicher Fehler beim Einhängen'); } });
  shell.addRoute('/kaputt2', { title: () => 'Kaputt 2', requiresLogin: false, component() { throw new Error('Absichtlicher Fehler beim Zeichnen'); } });
}`;

test('a plugin page that throws shows what failed inside the frame', { skip: gate.skip || (!helloBuilt && `hello_c.so not built in ${pluginDir} (ninja -C build hello_c)`) }, async () => {
  const server = await startServer({ extraToml: `[plugins]\ndir = ${JSON.stringify(pluginDir)}\nenabled = ["hello_c"]\n` });
  const session = await newSession(browser, server.url, { width: 360, height: 740 });
  const { page } = session;
  try {
    await page.route('**/plugins/hello_c/ui.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: BROKEN_MODULE }));
    for (const [path, message] of [
      ['/kaputt', 'Absichtlicher Fehler beim Einhängen'],
      ['/kaputt2', 'Absichtlicher Fehler beim Zeichnen'],
    ]) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: 'Seite konnte nicht angezeigt werden' }).waitFor();
      const alert = page.locator('main [role="alert"]');
      assert.match(await alert.innerText(), /hello_c/);
      assert.match(await alert.innerText(), new RegExp(message));
      await checkPage(server, session, `${path}, a plugin page that throws`);
    }
    // The frame still works: the menu opens by keyboard and leads to the sign-in page.
    const menu = page.getByRole('button', { name: 'Menü' });
    await menu.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Anmelden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
  } finally {
    await session.context.close();
    await server.stop();
  }
});

test('without enabled plugins the shell requests nothing under /plugins/', { skip: gate.skip }, async () => {
  const server = await startServer();
  const session = await newSession(browser, server.url);
  try {
    await session.page.goto('/', { waitUntil: 'networkidle' });
    await session.page.waitForSelector('main h1');
    assert.deepEqual(session.requests.filter((u) => new URL(u).pathname.startsWith('/plugins/')), []);
  } finally {
    await session.context.close();
    await server.stop();
  }
});
