// The admin's list of plugin settings on a phone-sized screen against the real server: with the
// files and groups plugins enabled and [plugins.files] max_file_mb set, the administration page
// shows each declared setting with its type, default and current value from
// GET /api/admin/plugins/settings, fits 360 px without scrolling sideways, passes axe-core with
// headings in order, and reads in English once the admin chose English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { suiteGate } from './lib/env.mjs';
import { startServer } from './lib/server.mjs';
import { launch, newSession } from './lib/browser.mjs';
import { checkPage, shoot, login, addUser } from './lib/accounts.mjs';
import { apiAs } from './lib/faults.mjs';

const gate = suiteGate();
let browser;
let server;
const sessions = [];

before(async () => {
  if (gate.skip || gate.missing.length) return;
  browser = await launch();
  server = await startServer({ extraToml: '[plugins]\nenabled = ["groups", "files"]\n\n[plugins.files]\nmax_file_mb = 1\n' });
});

after(async () => {
  for (const s of sessions) await s.context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

/** The facts of one setting as {label: value}, read from its description list. */
async function facts(section, key) {
  const entry = section.locator('li.plugin-setting', { has: section.page().getByRole('heading', { level: 4, name: key, exact: true }) });
  return entry.locator('dl > div').evaluateAll((divs) =>
    Object.fromEntries(divs.map((d) => [d.querySelector('dt').textContent, d.querySelector('dd').textContent])));
}

test('admin: the plugins\u2019 declared settings on a phone, in German and English', { skip: gate.skip }, async (t) => {
  assert.deepEqual(gate.missing, [], 'browser test prerequisites');
  addUser(server, { email: 'ada@example.org', name: 'Ada', role: 'admin' });

  await t.test('German at 360 px', async () => {
    const phone = await newSession(browser, server.url, { width: 360, height: 740 });
    sessions.push(phone);
    await login(phone, 'ada@example.org');
    const { page } = phone;
    await page.goto('/admin');
    await page.getByRole('heading', { level: 2, name: 'Aktivierte Erweiterungen' }).waitFor();
    const files = page.getByRole('region', { name: 'files', exact: true });
    await files.getByRole('heading', { level: 4, name: 'max_file_mb' }).waitFor();
    assert.deepEqual(await facts(files, 'max_file_mb'), { Typ: 'Ganzzahl', Standardwert: '2048', 'Aktueller Wert': '1' });
    assert.deepEqual(await facts(files, 'quota_space_mb'), { Typ: 'Ganzzahl', Standardwert: '0', 'Aktueller Wert': '0' });
    await files.getByText('Größte Datei in MiB, die hochgeladen werden darf.').waitFor();
    await files.getByText(/im Abschnitt \[plugins\.files\]/).waitFor();
    // The plugin's own facts: its version, and that its UI module loaded.
    await files.getByText('geladen', { exact: true }).waitFor();
    await page.getByRole('region', { name: 'groups', exact: true }).waitFor();
    await checkPage(server, phone, '/admin (plugin settings) at 360 px');
    await shoot(browser, phone, 'admin-plugin-settings-phone');
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(wide <= 1, `/admin scrolls sideways by ${wide}px at 360 px`);
  });

  await t.test('English when the admin chose English', async () => {
    const phone = sessions[0];
    const { page } = phone;
    await apiAs(page, 'PATCH', '/api/me', { language: 'en' });
    await page.goto('/admin');
    await page.getByRole('heading', { level: 2, name: 'Enabled plugins' }).waitFor();
    const files = page.getByRole('region', { name: 'files', exact: true });
    await files.getByRole('heading', { level: 4, name: 'max_file_mb' }).waitFor();
    assert.deepEqual(await facts(files, 'max_file_mb'), { Type: 'Integer', Default: '2048', 'Current value': '1' });
    await files.getByText('Largest file in MiB that may be uploaded.').waitFor();
    await checkPage(server, phone, '/admin (plugin settings, English)');
  });
});
