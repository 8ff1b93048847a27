// A folder as a ZIP and "Verschieben" in the files UI on a phone-sized screen (360 px) against
// the real server: a resident downloads a folder with a subfolder as a ZIP (read back with
// Python's zipfile, tests/files/check_zip.py), moves a file into another folder by keyboard,
// is told in words why a second file of the same name cannot follow, and sees that a folder
// cannot go into itself. Every page passes axe-core; nothing leaves the server's origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { suiteGate } from '../../browser/lib/env.mjs';
import { startServer } from '../../browser/lib/server.mjs';
import { launch, newSession } from '../../browser/lib/browser.mjs';
import { addUser, checkPage as checkPageWith, login } from '../../browser/lib/accounts.mjs';

const gate = suiteGate();
let server;
let browser;
const sessions = [];
const run = Date.now().toString(36);

before(async () => {
  if (gate.skip || gate.missing.length) return;
  server = await startServer({ extraToml: '[plugins]\nenabled = ["groups", "files"]\n' });
  browser = await launch();
});

after(async () => {
  for (const s of sessions) await s.context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

const checkPage = (session, label) => checkPageWith(server, session, label);

async function newFolder(page, name) {
  await page.getByLabel('Name des Ordners').fill(name);
  await page.getByRole('button', { name: 'Ordner anlegen' }).click();
  await page.getByRole('link', { name: `${name} (Ordner)` }).waitFor();
}

async function upload(page, name, text) {
  await page.getByLabel('Dateien auswählen').setInputFiles([{ name, mimeType: 'text/plain', buffer: Buffer.from(text) }]);
  await page.getByRole('button', { name: 'Hochladen' }).click();
  await page.getByRole('link', { name: `Herunterladen: ${name}` }).waitFor({ timeout: 15_000 });
}

test('files: a folder as a ZIP and moving items, on a phone', { skip: gate.skip }, async (t) => {
  assert.deepEqual(gate.missing, [], 'browser test prerequisites');
  const carla = await newSession(browser, server.url, { width: 360, height: 740 });
  sessions.push(carla);
  const { page } = carla;
  const mail = `carla-${run}@example.org`;
  const statutes = `Satzung des Kiezvereins ${run}\n`;

  await t.test('carla builds a folder with a subfolder and files', async () => {
    addUser(server, { email: mail, name: 'Carla' });
    await login(carla, mail);
    await page.goto('/files');
    await page.getByRole('link', { name: 'Meine Dateien' }).click();
    await page.getByText('Dieser Ordner ist leer.').waitFor();
    await newFolder(page, 'Archiv');
    await newFolder(page, 'Verein');
    await page.getByRole('link', { name: 'Verein (Ordner)' }).click();
    await page.getByText('Dieser Ordner ist leer.').waitFor();
    await upload(page, 'Satzung.txt', statutes);
    await newFolder(page, '2026');
    await page.getByRole('link', { name: '2026 (Ordner)' }).click();
    await upload(page, 'Protokoll.txt', 'Sitzung am Montag\n');
    await page.getByRole('navigation', { name: 'Ordnerpfad' }).getByRole('link', { name: 'Verein' }).click();
    await page.getByRole('link', { name: '2026 (Ordner)' }).waitFor();
  });

  await t.test('she downloads the folder as a ZIP with its subfolder', async () => {
    await checkPage(carla, 'a folder with its ZIP link');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Als ZIP herunterladen Verein' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'Verein.zip');
    const zip = JSON.parse(execFileSync('python3', [join(process.cwd(), 'tests/files/check_zip.py'), await download.path()], { encoding: 'utf8' }));
    assert.equal(zip.bad, null);
    assert.deepEqual(zip.entries.map((e) => e.name).sort(), ['Verein/', 'Verein/2026/', 'Verein/2026/Protokoll.txt', 'Verein/Satzung.txt']);
    const file = zip.entries.find((e) => e.name === 'Verein/Satzung.txt');
    assert.equal(file.size, Buffer.byteLength(statutes));
  });

  await t.test('she moves the statutes into the archive by keyboard', async () => {
    const item = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Herunterladen: Satzung.txt' }) });
    await item.getByRole('button', { name: 'Verschieben Satzung.txt' }).focus();
    await page.keyboard.press('Enter');
    const picker = page.getByLabel('Wohin soll Satzung.txt?');
    await picker.waitFor();
    await checkPage(carla, 'the move picker open');
    // The folder it is in is offered but disabled, with the reason.
    assert.equal(await picker.locator('option', { hasText: 'Verein (liegt schon hier)' }).isDisabled(), true);
    await picker.focus();
    await picker.selectOption({ label: '\u00a0\u00a0Archiv' });
    await item.getByRole('button', { name: 'Hierhin verschieben' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Herunterladen: Satzung.txt' }).waitFor({ state: 'detached' });
    await page.getByText('Satzung.txt ist verschoben nach Archiv.').waitFor();
  });

  await t.test('a second file of that name cannot follow, and says why', async () => {
    await upload(page, 'Satzung.txt', 'Entwurf\n');
    const item = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Herunterladen: Satzung.txt' }) });
    await item.getByRole('button', { name: 'Verschieben Satzung.txt' }).click();
    await item.getByLabel('Wohin soll Satzung.txt?').selectOption({ label: '\u00a0\u00a0Archiv' });
    await item.getByRole('button', { name: 'Hierhin verschieben' }).click();
    await item.getByRole('alert').getByText(/In diesem Ordner gibt es schon etwas mit diesem Namen/).waitFor();
    await checkPage(carla, 'a refused move');
    await item.getByRole('button', { name: 'Abbrechen' }).click();
    await page.getByRole('link', { name: 'Herunterladen: Satzung.txt' }).waitFor();
  });

  await t.test('a folder cannot go into itself or its own folders', async () => {
    await page.getByRole('navigation', { name: 'Ordnerpfad' }).getByRole('link', { name: 'Meine Dateien' }).click();
    const item = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Verein (Ordner)' }) });
    await item.getByRole('button', { name: 'Verschieben Verein' }).click();
    const picker = item.getByLabel('Wohin soll Verein?');
    await picker.waitFor();
    assert.equal(await picker.locator('option', { hasText: 'Verein (nicht möglich: in sich selbst)' }).isDisabled(), true);
    assert.equal(await picker.locator('option', { hasText: '2026 (nicht möglich: in sich selbst)' }).isDisabled(), true);
    assert.equal(await picker.locator('option', { hasText: 'Archiv' }).isDisabled(), false);
    await item.getByText('Ein Ordner kann nicht in sich selbst oder einen seiner Unterordner.', { exact: false }).waitFor();
    // Nothing chosen: said in words, nothing sent.
    await item.getByRole('button', { name: 'Hierhin verschieben' }).click();
    await item.getByRole('alert').getByText('Bitte einen Zielordner wählen.').waitFor();
    await page.getByRole('link', { name: 'Archiv (Ordner)' }).click();
    await page.getByRole('link', { name: 'Herunterladen: Satzung.txt' }).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `no sideways scrolling on a phone (page is ${width} px wide)`);
  });
});
