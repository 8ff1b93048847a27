// The video rooms UI end to end on a phone-sized screen against the real server with the video
// plugin: a resident creates a room and enters it, switches on the lobby and saving the chat, a
// guest opens the link, gives a name, waits in the lobby until the host lets them in, and each
// sees the other's video play (Chromium's fake camera and
// microphone: videoWidth > 0 and frames advancing). Every page passes axe-core; nothing leaves the
// server's origin (the media goes browser to browser on the loopback).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { suiteGate, serverBin } from '../../browser/lib/env.mjs';
import { startServer } from '../../browser/lib/server.mjs';
import { launch, newSession } from '../../browser/lib/browser.mjs';
import { PASSWORD, addUser as addAccount, checkPage as checkPageWith, login } from '../../browser/lib/accounts.mjs';

const gate = suiteGate();
let server;
let browser;
const sessions = [];
const run = Date.now().toString(36);
const PHONE = { width: 360, height: 740 };

before(async () => {
  if (gate.skip || gate.missing.length) return;
  server = await startServer({ extraToml: '[plugins]\nenabled = ["video"]\n' });
  browser = await launch({ extraArgs: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] });
});

after(async () => {
  for (const s of sessions) await s.context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

const checkPage = (session, label) => checkPageWith(server, session, label);

function addUser(name, email) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('QUARTIER_')));
  execFileSync(serverBin, ['--config', join(server.dir, 'quartier.toml'), 'user', 'add', '--email', email, '--name', name, '--password-stdin'],
    { input: `${PASSWORD}\n`, env });
}

// Waits until the page shows another participant's video playing: a size, and time advancing.
async function seesOtherVideo(page) {
  const video = page.locator('figure[data-peer]:not([data-peer="self"]) video').first();
  await video.waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => {
    const v = document.querySelector('figure[data-peer]:not([data-peer="self"]) video');
    return v && v.videoWidth > 0 && v.readyState >= 2;
  }, null, { timeout: 30_000 });
  const first = await video.evaluate((v) => v.currentTime);
  await page.waitForFunction((t0) => {
    const v = document.querySelector('figure[data-peer]:not([data-peer="self"]) video');
    return v && v.currentTime > t0;
  }, first, { timeout: 30_000 });
  return video.evaluate((v) => ({ width: v.videoWidth, height: v.videoHeight }));
}

test('video: a resident and a guest meet in a room and see each other', { skip: gate.skip }, async (t) => {
  assert.deepEqual(gate.missing, [], 'browser test prerequisites');
  const anna = await newSession(browser, server.url, PHONE);
  const guest = await newSession(browser, server.url, PHONE);
  sessions.push(anna, guest);
  const annaMail = `anna-${run}@example.org`;
  const roomName = `Palim Palim ${run}`;
  let link = '';

  await t.test('anna creates a room on the video page', async () => {
    addUser('Anna', annaMail);
    await login(anna, annaMail);
    const { page } = anna;
    await page.goto('/video');
    await page.getByRole('heading', { level: 1, name: 'Videoräume' }).waitFor();
    await checkPage(anna, '/video');
    await page.getByLabel('Name des Raums').fill(roomName);
    await page.getByRole('button', { name: 'Raum anlegen' }).click();
    const created = page.locator('.alert-success a');
    await created.waitFor({ timeout: 15_000 });
    link = await created.getAttribute('href');
    assert.match(link, /^\/video\/room\/[A-Za-z0-9_-]{22}$/);
    await checkPage(anna, 'room created');
  });

  await t.test('anna enters her room: a preview, then the call', async () => {
    const { page } = anna;
    await page.locator('.alert-success a').click();
    await page.getByRole('heading', { level: 2, name: roomName }).waitFor({ timeout: 15_000 });
    await page.locator('video.video-preview').waitFor({ timeout: 15_000 });
    await checkPage(anna, 'room lobby (resident)');
    await page.getByRole('button', { name: 'Beitreten' }).click();
    await page.getByRole('heading', { level: 3, name: 'Gastgeber' }).waitFor({ timeout: 15_000 });
  });

  await t.test('anna switches on the lobby and saving the chat', async () => {
    const { page } = anna;
    await page.getByLabel('Warteraum: Gäste lasse ich selbst herein').check();
    await page.getByLabel('Auch angemeldete Personen warten').waitFor({ timeout: 15_000 });
    await page.getByLabel('Chat speichern (nur für mich lesbar, bis ich ihn lösche)').check();
    await page.getByText('Der Gastgeber speichert diesen Chat.', { exact: false }).waitFor({ timeout: 15_000 });
  });

  await t.test('a guest opens the link, gives a name and waits until the host lets them in', async () => {
    const { page } = guest;
    const response = await page.goto(link);
    assert.match(response.headers()['permissions-policy'], /camera=\(self\), microphone=\(self\)/);
    await page.getByLabel('Ihr Name').fill('Gisela Gast');
    await page.locator('video.video-preview').waitFor({ timeout: 15_000 });
    await checkPage(guest, 'room lobby (guest)');
    await page.getByRole('button', { name: 'Beitreten' }).click();
    await page.getByText('Bitte warten, der Gastgeber lässt Sie gleich herein.').waitFor({ timeout: 15_000 });
    await checkPage(guest, 'waiting in the lobby (guest)');
    const admit = anna.page.getByRole('button', { name: 'Hereinlassen: Gisela Gast' });
    await admit.waitFor({ timeout: 15_000 });
    await checkPage(anna, 'someone waits (host)');
    await admit.click();
    await page.getByRole('heading', { level: 3, name: 'Chat' }).waitFor({ timeout: 15_000 });
    await admit.waitFor({ state: 'detached', timeout: 15_000 });
  });

  await t.test('each sees the other\'s video playing', async () => {
    const [seenByGuest, seenByAnna] = await Promise.all([seesOtherVideo(guest.page), seesOtherVideo(anna.page)]);
    assert.ok(seenByGuest.width > 0 && seenByAnna.width > 0, 'both remote videos have a size');
    await guest.page.getByRole('figure').filter({ hasText: 'Anna' }).waitFor();
    await anna.page.getByRole('figure').filter({ hasText: 'Gisela Gast' }).waitFor();
    await checkPage(guest, 'in the call (guest)');
    await checkPage(anna, 'in the call (host)');
  });

  await t.test('the chat beside the video reaches the other', async () => {
    await guest.page.getByLabel('Nachricht').fill('Hallo Anna!');
    await guest.page.getByRole('button', { name: 'Senden' }).click();
    await anna.page.locator('.video-chat li', { hasText: 'Hallo Anna!' }).waitFor({ timeout: 15_000 });
  });

  await t.test('the host removes the guest, who is told why', async () => {
    await anna.page.getByRole('button', { name: 'Entfernen: Gisela Gast' }).click();
    await guest.page.getByText('Sie wurden aus dem Raum entfernt.').waitFor({ timeout: 15_000 });
    await anna.page.locator('figure[data-peer]:not([data-peer="self"])').waitFor({ state: 'detached', timeout: 15_000 });
  });

  await t.test('after the call the host reads the saved chat (the guest without a name) and deletes it', async () => {
    const { page } = anna;
    await page.getByRole('button', { name: 'Verlassen' }).click();
    await page.getByRole('heading', { level: 3, name: 'Gespeicherter Chat' }).waitFor({ timeout: 15_000 });
    await page.locator('li', { hasText: 'Gast: Hallo Anna!' }).waitFor();
    assert.equal(await page.getByText('Gisela Gast').count(), 0, 'the guest\'s name is not kept');
    await checkPage(anna, 'saved chat');
    await page.getByRole('button', { name: 'Gespeicherten Chat löschen' }).click();
    await page.getByRole('heading', { level: 3, name: 'Gespeicherter Chat' }).waitFor({ state: 'detached', timeout: 15_000 });
  });
});

test('video: staff create consultation hours on the video page; they show their schedule and, outside it, when they open next', { skip: gate.skip }, async () => {
  assert.deepEqual(gate.missing, [], 'browser test prerequisites');
  const clara = await newSession(browser, server.url, PHONE);
  const visitor = await newSession(browser, server.url, PHONE);
  sessions.push(clara, visitor);
  const claraMail = `clara-${run}@example.org`;
  addAccount(server, { email: claraMail, name: 'Clara', role: 'staff', department: 'Bürgeramt' });
  await login(clara, claraMail);
  // The day after tomorrow (UTC) lies ahead in the municipality's zone too, whatever the hour.
  const day = ((Math.floor(Date.now() / 86_400_000) + 2 + 3) % 7) + 1;
  const cp = clara.page;
  await cp.goto('/video');
  await cp.getByRole('radio', { name: 'Sprechstunde meiner Abteilung' }).check();
  await cp.getByLabel('Name des Raums').fill('Bürgeramt Sprechstunde');
  assert.equal(await cp.getByRole('textbox', { name: 'Abteilung' }).inputValue(), 'Bürgeramt', 'the department is the staff member\'s own');
  await cp.getByLabel('Hinweis für Besucherinnen und Besucher', { exact: false }).fill('Bitte Unterlagen bereithalten.');
  await cp.getByRole('button', { name: 'Zeit hinzufügen' }).click();
  const first = cp.getByRole('group', { name: 'Zeit 1' });
  await first.getByLabel('Wochentag').selectOption(String(day));
  await first.getByLabel('Von', { exact: false }).fill('12:00');
  await first.getByLabel('Bis', { exact: false }).fill('09:00');
  await checkPage(clara, 'creating consultation hours');
  await cp.getByRole('button', { name: 'Raum anlegen' }).click();
  // A span that ends before it starts is refused with what is wrong; no room is made.
  await cp.getByText("Zeile 1: 'from' muss vor 'to' liegen", { exact: false }).waitFor({ timeout: 15_000 });
  assert.equal(await cp.locator('.alert-success').count(), 0, 'nothing created');
  await first.getByLabel('Von', { exact: false }).fill('09:00');
  await first.getByLabel('Bis', { exact: false }).fill('12:00');
  await cp.getByRole('button', { name: 'Raum anlegen' }).click();
  const created = cp.locator('.alert-success a');
  await created.waitFor({ timeout: 15_000 });
  const room = { link: await created.getAttribute('href') };
  await checkPage(clara, 'consultation hours created');
  const dayDe = ['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So'][day - 1];

  const { page } = visitor;
  await page.goto('/video');
  await page.locator('.item-card', { hasText: 'Bürgeramt Sprechstunde' }).getByText(`${dayDe} 09:00–12:00`).waitFor({ timeout: 15_000 });
  await page.goto(room.link);
  await page.getByText(`Sprechzeiten: ${dayDe} 09:00–12:00 (jetzt geschlossen)`).waitFor({ timeout: 15_000 });
  await page.getByText('Bitte Unterlagen bereithalten.').waitFor();
  const notice = page.getByText('Die Sprechstunde ist gerade geschlossen. Sie beginnt wieder am', { exact: false });
  await notice.waitFor();
  assert.match(await notice.textContent(), /09:00/);
  assert.equal(await page.getByRole('button', { name: 'Beitreten' }).count(), 0, 'no way in outside the hours');
  await checkPage(visitor, 'consultation hours closed');
  // The host may enter to prepare, and sets the times on the room page.
  const host = clara.page;
  await host.goto(room.link);
  await host.getByRole('button', { name: 'Beitreten' }).waitFor({ timeout: 15_000 });
  await host.getByRole('heading', { level: 3, name: 'Sprechzeiten festlegen' }).waitFor();
  await host.getByRole('button', { name: 'Zeit hinzufügen' }).click();
  const second = host.getByRole('group', { name: 'Zeit 2' });
  await second.getByLabel('Wochentag').selectOption('5');
  await second.getByLabel('Von', { exact: false }).fill('16:00');
  await second.getByLabel('Bis', { exact: false }).fill('14:00');
  await checkPage(clara, 'consultation hours form');
  await host.getByRole('button', { name: 'Sprechzeiten speichern' }).click();
  // A span that ends before it starts is refused with what is wrong; nothing changed.
  await host.getByText("Zeile 2: 'from' muss vor 'to' liegen", { exact: false }).waitFor({ timeout: 15_000 });
  await host.getByText(`Sprechzeiten: ${dayDe} 09:00–12:00 (jetzt geschlossen)`).waitFor();
  await second.getByLabel('Bis', { exact: false }).fill('18:00');
  await host.getByRole('button', { name: 'Sprechzeiten speichern' }).click();
  const both = [`${dayDe} 09:00–12:00`, 'Fr 16:00–18:00'].sort((x, y) => 'MoDiMiDoFrSaSo'.indexOf(x.slice(0, 2)) - 'MoDiMiDoFrSaSo'.indexOf(y.slice(0, 2)));
  await host.getByText(`Sprechzeiten: ${both.join(', ')}`, { exact: false }).waitFor({ timeout: 15_000 });
});
