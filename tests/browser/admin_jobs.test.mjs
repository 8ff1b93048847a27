// The admin's background jobs page on a phone-sized screen against the real server: with the
// fixture plugin abi12_c, a job that always fails shows as failed with its error, the page fits
// 360 px without scrolling sideways and passes axe-core, and "Jetzt erneut ausführen" runs it again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { suiteGate, repoRoot } from './lib/env.mjs';
import { startServer } from './lib/server.mjs';
import { launch, newSession } from './lib/browser.mjs';
import { checkPage, shoot, login, addUser } from './lib/accounts.mjs';

const gate = suiteGate();
const pluginDir = process.env.QUARTIER_PLUGIN_DIR ?? join(repoRoot, 'build', 'lib', 'quartier', 'plugins');
// The test plugins are built next to the bundled ones: <build>/tests/plugins/lib.
const fixtureDir = join(pluginDir, '..', '..', '..', 'tests', 'plugins', 'lib');
const fixtureBuilt = existsSync(join(fixtureDir, 'abi12_c.so'));
let browser;

before(async () => {
  if (gate.skip || gate.missing.length) return;
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** Reloads the page until `text` shows in main (the job runs in the background), at most 20 s. */
async function reloadUntil(page, text) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (await page.locator('main').getByText(text).count()) return;
    assert.ok(Date.now() < deadline, `"${text}" did not show on ${page.url()} within 20 s`);
    await page.waitForTimeout(300);
    await page.reload();
    await page.waitForSelector('main h1');
  }
}

test('admin: a failed background job shows its error on a phone and runs again on request',
  { skip: gate.skip || (!fixtureBuilt && `abi12_c.so not built in ${fixtureDir} (ninja -C build abi12_c)`) }, async () => {
  const server = await startServer({ extraToml: `[plugins]\ndir = ${JSON.stringify(fixtureDir)}\nenabled = ["abi12_c"]\n` });
  const phone = await newSession(browser, server.url, { width: 360, height: 740 });
  try {
    const r = await fetch(`${server.url}/api/p/abi12_c/jobs/enqueue?name=broken&max_attempts=1`, { method: 'POST', body: '{}' });
    assert.equal(r.status, 201, await r.text());
    addUser(server, { email: 'ada@example.org', name: 'Ada', role: 'admin' });
    await login(phone, 'ada@example.org');
    const { page } = phone;
    await page.goto('/admin/jobs');
    await page.getByRole('heading', { level: 1, name: /^Hintergrund\u00ad?aufträge$/ }).waitFor();
    await reloadUntil(page, 'fehlgeschlagen');
    const job = page.locator('main li.job', { hasText: 'abi12_c.broken' });
    await job.getByText('broken: this job always fails').waitFor();
    await job.getByText('0 erfolgreich, 1 fehlgeschlagen').waitFor();
    await checkPage(server, phone, '/admin/jobs at 360 px');
    await shoot(browser, phone, 'admin-jobs-phone');
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(wide <= 1, `/admin/jobs scrolls sideways by ${wide}px at 360 px`);

    await job.getByRole('button', { name: 'Jetzt erneut ausführen' }).click();
    await reloadUntil(page, '0 erfolgreich, 2 fehlgeschlagen');
    await checkPage(server, phone, '/admin/jobs after the retry');
  } finally {
    await phone.context.close().catch(() => {});
    await server.stop();
  }
});
