// The files UI end to end on a phone-sized screen against the real server with the files plugin:
// a resident opens their own files, creates a folder, uploads several files with progress (one
// of them a photo, which gets a preview), opens the folder, downloads a file back, deletes the
// photo and restores it from the trash, and a file over [plugins.files] max_file_mb is not sent
// and a renamed program is refused with the server's reason in words while the others of the
// same upload arrive; the settings
// page shows the space used (the plugin's settings.sections part). Every page
// passes axe-core; nothing leaves the server's origin. Uses the shared helpers of tests/browser/lib.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
  server = await startServer({ extraToml: '[plugins]\nenabled = ["groups", "files"]\n\n[plugins.files]\nmax_file_mb = 1\n' });
  browser = await launch();
});

after(async () => {
  for (const s of sessions) await s.context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

const checkPage = (session, label) => checkPageWith(server, session, label);

// A 2x2 PNG, so the upload is a real picture the image pipeline previews.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==', 'base64');

// A Windows program's head ("MZ", then "PE\0\0" where e_lfanew points), to be named like a PDF.
const PE_PROGRAM = (() => {
  const b = Buffer.alloc(1024);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  b.writeUInt16LE(0x14c, 0x84);
  return b;
})();

test('files: a folder, several uploads with progress, a download, on a phone', { skip: gate.skip }, async (t) => {
  assert.deepEqual(gate.missing, [], 'browser test prerequisites');
  const anna = await newSession(browser, server.url, { width: 360, height: 740 });
  sessions.push(anna);
  const mail = `anna-${run}@example.org`;
  const minutes = `Protokoll der Mitgliederversammlung ${run}\n`;

  await t.test('anna signs in and opens her files', async () => {
    addUser(server, { email: mail, name: 'Anna' });
    await login(anna, mail);
    await anna.page.goto('/files');
    await anna.page.getByRole('heading', { level: 1, name: 'Dateien' }).waitFor();
    await anna.page.getByRole('link', { name: 'Meine Dateien' }).click();
    await anna.page.getByText('Dieser Ordner ist leer.').waitFor();
    await checkPage(anna, '/files/person (empty)');
  });

  await t.test('she creates a folder and uploads two files into it', async () => {
    const { page } = anna;
    await page.getByLabel('Name des Ordners').fill('Vereinsakten');
    await page.getByRole('button', { name: 'Ordner anlegen' }).click();
    await page.getByRole('link', { name: 'Vereinsakten (Ordner)' }).click();
    await page.getByText('Dieser Ordner ist leer.').waitFor();
    await page.getByLabel('Dateien auswählen').setInputFiles([
      { name: 'Protokoll.txt', mimeType: 'text/plain', buffer: Buffer.from(minutes) },
      { name: 'Sommerfest.png', mimeType: 'image/png', buffer: PNG },
    ]);
    await page.getByRole('button', { name: 'Hochladen' }).click();
    await page.getByRole('link', { name: 'Herunterladen: Protokoll.txt' }).waitFor({ timeout: 15_000 });
    await page.getByRole('link', { name: 'Herunterladen: Sommerfest.png' }).waitFor();
    await page.getByRole('img', { name: 'Vorschau von Sommerfest.png' }).waitFor();
    const bars = page.getByRole('progressbar');
    assert.equal(await bars.count(), 2);
    for (const bar of await bars.all()) assert.equal(await bar.evaluate((b) => b.value), 1);
    await page.getByRole('navigation', { name: 'Ordnerpfad' }).getByRole('link', { name: 'Vereinsakten' }).waitFor();
    await checkPage(anna, 'folder with two files');
  });

  await t.test('she downloads the minutes back', async () => {
    const { page } = anna;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Herunterladen: Protokoll.txt' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'Protokoll.txt');
    assert.equal(readFileSync(await download.path(), 'utf8'), minutes);
  });

  await t.test('she uploads the minutes again and brings the first version back', async () => {
    const { page } = anna;
    await page.getByLabel('Dateien auswählen').setInputFiles([
      { name: 'Protokoll.txt', mimeType: 'text/plain', buffer: Buffer.from(`${minutes}Nachtrag: Kassenbericht\n`) },
    ]);
    await page.getByRole('button', { name: 'Hochladen' }).click();
    await page.waitForFunction(() => document.querySelector('progress[aria-label="Fortschritt für Protokoll.txt"]')?.value === 1);
    await page.getByRole('button', { name: 'Versionen Protokoll.txt' }).click();
    const versions = page.getByRole('region', { name: 'Ältere Versionen von Protokoll.txt' });
    await versions.getByRole('link', { name: /^Version vom .+ \(\d+ B\)$/ }).waitFor();
    await checkPage(anna, 'a file with its versions');
    await versions.getByRole('button', { name: /^Version vom .+ wiederherstellen$/ }).click();
    await versions.getByRole('link', { name: new RegExp(`^Version vom .+ \\(${Buffer.byteLength(minutes) + 24} B\\)$`) }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Herunterladen: Protokoll.txt' }).click(),
    ]);
    assert.equal(readFileSync(await download.path(), 'utf8'), minutes);
    await page.getByRole('button', { name: 'Versionen Protokoll.txt' }).click();
  });

  await t.test('she shares the minutes by a link with a password; a guest opens it; revoked it stops', async () => {
    const { page } = anna;
    await page.getByRole('button', { name: 'Teilen Protokoll.txt' }).click();
    const share = page.getByRole('region', { name: 'Öffentliche Links für Protokoll.txt' });
    await share.getByLabel('Passwort (freiwillig)').fill('Kiezgeheimnis');
    await share.getByRole('button', { name: 'Link erstellen' }).click();
    const address = await share.getByLabel('Neuer Link (nur jetzt sichtbar, bitte kopieren)').inputValue();
    assert.match(address, /\/s\/[0-9a-f]{64}$/);
    await share.getByText(/^Link mit Passwort, gültig bis /).waitFor();
    await checkPage(anna, 'a file with its share section');

    const guest = await newSession(browser, server.url, { width: 360, height: 740 });
    sessions.push(guest);
    await guest.page.goto(new URL(address).pathname);
    await guest.page.getByText('Dieser Link ist mit einem Passwort geschützt.').waitFor();
    await guest.page.getByLabel('Passwort').fill('falsch-geraten');
    await guest.page.getByRole('button', { name: 'Öffnen' }).click();
    await guest.page.getByText(/Das Passwort stimmt nicht/).waitFor();
    await guest.page.getByLabel('Passwort').fill('Kiezgeheimnis');
    await guest.page.getByRole('button', { name: 'Öffnen' }).click();
    const [download] = await Promise.all([
      guest.page.waitForEvent('download'),
      guest.page.getByRole('link', { name: 'Herunterladen: Protokoll.txt' }).click(),
    ]);
    assert.equal(readFileSync(await download.path(), 'utf8'), minutes);

    await share.getByRole('button', { name: /^Link gültig bis .+ widerrufen$/ }).click();
    await share.getByText('Noch keine öffentlichen Links.').waitFor();
    await guest.page.reload();
    await guest.page.getByText(/Diesen Link gibt es nicht \(mehr\)/).waitFor();
    await page.getByRole('button', { name: 'Teilen Protokoll.txt' }).click();
  });

  await t.test('she deletes the photo and gets it back from the trash', async () => {
    const { page } = anna;
    const photo = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Herunterladen: Sommerfest.png' }) });
    await photo.getByRole('button', { name: 'Löschen Sommerfest.png' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sommerfest.png wirklich löschen?' });
    await dialog.getByRole('button', { name: 'Löschen' }).click();
    await page.getByRole('heading', { level: 2, name: 'Papierkorb (30 Tage)' }).waitFor();
    await page.getByRole('link', { name: 'Herunterladen: Sommerfest.png' }).waitFor({ state: 'detached' });
    await checkPage(anna, 'folder with the trash');
    await page.getByRole('button', { name: 'Sommerfest.png wiederherstellen' }).click();
    await page.getByRole('link', { name: 'Herunterladen: Sommerfest.png' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Papierkorb (30 Tage)' }).waitFor({ state: 'detached' });
  });

  await t.test('a file over the size limit is not sent, a renamed program is refused in words; the other one arrives', async () => {
    const { page } = anna;
    await page.getByText(/^Höchstens 1[,.]0 MB je Datei\./).waitFor();
    await page.getByLabel('Dateien auswählen').setInputFiles([
      { name: 'Scan.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(1536 * 1024, 0x25) },
      { name: 'Rechnung.pdf', mimeType: 'application/pdf', buffer: PE_PROGRAM },
      { name: 'Notiz.txt', mimeType: 'text/plain', buffer: Buffer.from('Getränke mitbringen\n') },
    ]);
    await page.getByRole('button', { name: 'Hochladen' }).click();
    await page.getByRole('link', { name: 'Herunterladen: Notiz.txt' }).waitFor({ timeout: 15_000 });
    await page.getByRole('alert').filter({ hasText: 'Scan.pdf' }).getByText(/Scan\.pdf: zu groß, höchstens 1 MB je Datei; nicht gesendet\./).waitFor();
    await page.getByRole('alert').filter({ hasText: 'Rechnung.pdf' }).getByText(/Programme werden nicht angenommen, auch nicht umbenannt/).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Herunterladen: Scan.pdf' }).count(), 0);
    assert.equal(await page.getByRole('link', { name: 'Herunterladen: Rechnung.pdf' }).count(), 0);
    assert.equal(await page.getByRole('progressbar', { name: 'Fortschritt für Notiz.txt' }).evaluate((b) => b.value), 1);
    await checkPage(anna, 'folder after refused uploads');
  });

  await t.test('her settings page shows the space her files use, with the way to them', async () => {
    const { page } = anna;
    await page.goto('/settings');
    const section = page.getByRole('region', { name: 'Dateien und Speicherplatz' });
    await section.getByText(/^Belegt: \d/).waitFor();
    await page.getByRole('navigation', { name: 'Bereiche der Einstellungen' }).getByRole('link', { name: 'Dateien und Speicherplatz' }).waitFor();
    await checkPage(anna, '/settings with the files section');
    await section.getByRole('link', { name: 'Meine Dateien öffnen' }).click();
    await page.getByRole('link', { name: 'Vereinsakten (Ordner)' }).waitFor();
  });
});

// With a virus scanner (tests/files/scanner/test_scanner.sh): a file waits "in Prüfung" while
// the scanner is down, is released once a retry succeeds, and the EICAR test file is blocked.
test('files: held back while being checked, released when clean, blocked when infected', { skip: gate.skip }, async (t) => {
  assert.deepEqual(gate.missing, [], 'browser test prerequisites');
  const work = mkdtempSync(join(tmpdir(), 'files-scan-'));
  const down = join(work, 'down');
  writeFileSync(down, '');
  const scanner = join(process.cwd(), 'tests/files/scanner/test_scanner.sh');
  const scanned = await startServer({ extraToml: `[plugins]\nenabled = ["groups", "files"]\n\n[plugins.files]\nscan_command = "sh ${scanner} --down-if ${down}"\n` });
  t.after(() => scanned.stop());
  const bert = await newSession(browser, scanned.url, { width: 360, height: 740 });
  sessions.push(bert);
  const mail = `bert-${run}@example.org`;
  addUser(scanned, { email: mail, name: 'Bert' });
  await login(bert, mail);
  const { page } = bert;
  await page.goto('/files');
  await page.getByRole('link', { name: 'Meine Dateien' }).click();
  await page.getByText('Dieser Ordner ist leer.').waitFor();
  await page.getByLabel('Dateien auswählen').setInputFiles([
    { name: 'Kassenbuch.txt', mimeType: 'text/plain', buffer: Buffer.from('Einnahmen: 120 Euro\n') },
    { name: 'Anhang.txt', mimeType: 'text/plain', buffer: Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*') },
  ]);
  await page.getByRole('button', { name: 'Hochladen' }).click();
  await page.getByText('In Prüfung: Die Datei wird auf Schadsoftware geprüft und ist erst danach abrufbar.').first().waitFor({ timeout: 15_000 });
  assert.equal(await page.getByRole('link', { name: 'Herunterladen: Kassenbuch.txt' }).count(), 0);
  await checkPageWith(scanned, bert, 'files held back by the scanner');
  // The scanner is back: the job's retry releases the clean file and blocks the other.
  unlinkSync(down);
  const released = async () => (await page.getByRole('link', { name: 'Herunterladen: Kassenbuch.txt' }).count()) === 1
    && (await page.getByText(/^Blockiert: Der Virenscanner hat Schadsoftware gefunden/).count()) === 1;
  for (let i = 0; i < 400 && !(await released()); i += 1) {
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Inhalt' }).waitFor();
  }
  assert.ok(await released(), 'the clean file is released and the infected one blocked');
  assert.equal(await page.getByRole('link', { name: 'Herunterladen: Anhang.txt' }).count(), 0);
  await checkPageWith(scanned, bert, 'a released and a blocked file');
});

