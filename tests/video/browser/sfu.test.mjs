// A room over the mesh limit through a real Janus, end to end on a phone-sized screen: Quartier
// and Janus behind nginx on one origin (the documented /janus-ws location), a resident creates a
// room for 12, a guest comes by link, each publishes Chromium's fake camera to Janus and sees the
// other's video play (videoWidth > 0, frames advancing); the guest's page is tampered with so that
// it keeps its Janus session when removed (no hangup, no destroy, its own keepalives), the host
// removes the guest and the guest's page stops receiving all the same; the host ends the room,
// which destroys it in Janus. Every page passes axe-core and loads nothing from elsewhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { suiteGate } from '../../browser/lib/env.mjs';
import { startServer } from '../../browser/lib/server.mjs';
import { launch, newSession } from '../../browser/lib/browser.mjs';
import { addUser, checkPage as checkPageWith, login } from '../../browser/lib/accounts.mjs';
import { startJanus, startNginx, missingSfuPrerequisites } from './janus.mjs';

const gate = suiteGate();
const missing = [...gate.missing, ...missingSfuPrerequisites()];
let janus;
let server;
let nginx;
let browser;
const sessions = [];
const run = Date.now().toString(36);
const PHONE = { width: 360, height: 740 };

before(async () => {
  if (gate.skip || missing.length) return;
  janus = await startJanus();
  server = await startServer({ extraToml: `[plugins]\nenabled = ["video"]\n${janus.pluginToml}` });
  nginx = await startNginx(server.url, janus.wsPort);
  browser = await launch({ extraArgs: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] });
});

after(async () => {
  for (const s of sessions) await s.context.close().catch(() => {});
  await browser?.close();
  await nginx?.stop();
  await server?.stop();
  await janus?.stop();
});

// The page as seen through nginx: the origin the browser uses.
const checkPage = (session, label) => checkPageWith({ url: nginx.url }, session, label);

// Janus sockets a page opened, and the "sfu" frame Quartier sent it (the Janus room's number).
function watchSockets(session) {
  const seen = { janus: [], ticket: null };
  session.page.on('websocket', (ws) => {
    if (ws.url().endsWith('/janus-ws')) seen.janus.push(ws.url());
    ws.on('framereceived', ({ payload }) => {
      try {
        const f = JSON.parse(String(payload));
        if (f.type === 'sfu') seen.ticket = f;
      } catch { /* Janus's frames and others */ }
    });
  });
  return seen;
}

async function seesOtherVideo(page) {
  const sel = 'figure[data-peer]:not([data-peer="self"]) video';
  await page.locator(sel).first().waitFor({ timeout: 30_000 });
  await page.waitForFunction((s) => { const v = document.querySelector(s); return v && v.videoWidth > 0 && v.readyState >= 2; }, sel, { timeout: 30_000 });
  const t0 = await page.locator(sel).first().evaluate((v) => v.currentTime);
  await page.waitForFunction(([s, t]) => { const v = document.querySelector(s); return v && v.currentTime > t; }, [sel, t0], { timeout: 30_000 });
  return page.locator(sel).first().evaluate((v) => v.videoWidth);
}

// Asks Janus itself (its admin API) whether a room exists.
async function janusRoomExists(room) {
  const answer = await janus.admin({ janus: 'message_plugin', plugin: 'janus.plugin.videoroom', request: { request: 'exists', room } });
  return answer.response.exists;
}

// Runs in the guest's page before its scripts: a client bent on staying. Once switched on
// (__quartierTamper.on) it closes no RTCPeerConnection and no Janus socket, drops hangup, detach,
// leave and destroy, and sends keepalives of its own every 2 s with its token.
function tamperedClient() {
  const T = { on: false, pcs: [], janus: null, last: null };
  window.__quartierTamper = T;
  const Pc = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Pc {
    constructor(...args) { super(...args); T.pcs.push(this); }
    close() { if (!T.on) super.close(); }
  };
  const send = WebSocket.prototype.send;
  const close = WebSocket.prototype.close;
  WebSocket.prototype.send = function tamperedSend(data) {
    if (this.url.endsWith('/janus-ws')) {
      T.janus = this;
      try { const m = JSON.parse(data); if (m.session_id) T.last = { session_id: m.session_id, token: m.token }; } catch { /* not JSON */ }
      if (T.on && /"(janus|request)":"(destroy|detach|hangup|leave)"/.test(data)) return undefined;
    }
    return send.call(this, data);
  };
  WebSocket.prototype.close = function tamperedClose(...args) {
    if (T.on && this.url.endsWith('/janus-ws')) return undefined;
    return close.apply(this, args);
  };
  setInterval(() => {
    if (T.on && T.janus && T.last) send.call(T.janus, JSON.stringify({ janus: 'keepalive', ...T.last, transaction: `k${Date.now()}` }));
  }, 2000);
}

// Video bytes the tampered page's connections received so far.
function videoBytesIn(page) {
  return page.evaluate(async () => {
    let n = 0;
    for (const pc of window.__quartierTamper.pcs) {
      const stats = await pc.getStats().catch(() => new Map());
      stats.forEach((r) => { if (r.type === 'inbound-rtp' && r.kind === 'video') n += r.bytesReceived; });
    }
    return n;
  });
}

// Waits (30 s at most) until the page's received video bytes stay the same over two samples 2 s apart.
async function stopsReceiving(page) {
  const deadline = Date.now() + 30_000;
  let before = await videoBytesIn(page);
  for (;;) {
    await new Promise((r) => setTimeout(r, 2000));
    const now = await videoBytesIn(page);
    if (now === before) return now;
    assert.ok(Date.now() < deadline, `the removed page still receives video after 30 s (${now} bytes)`);
    before = now;
  }
}

test('video sfu: a room for 12 through Janus, each sees the other', { skip: gate.skip }, async (t) => {
  assert.deepEqual(missing, [], 'browser test prerequisites');
  const anna = await newSession(browser, nginx.url, PHONE);
  const guest = await newSession(browser, nginx.url, PHONE);
  sessions.push(anna, guest);
  const annaSockets = watchSockets(anna);
  const guestSockets = watchSockets(guest);
  const annaMail = `anna-sfu-${run}@example.org`;
  let link = '';

  await t.test('anna creates a room for 12 people', async () => {
    addUser(server, { email: annaMail, name: 'Anna' });
    await login(anna, annaMail);
    const { page } = anna;
    await page.goto('/video');
    await page.getByLabel('Name des Raums').fill(`Bürgerversammlung ${run}`);
    await page.getByLabel('Höchstens Personen', { exact: false }).fill('12');
    await checkPage(anna, '/video with a capacity');
    await page.getByRole('button', { name: 'Raum anlegen' }).click();
    const created = page.locator('.alert-success a');
    await created.waitFor({ timeout: 15_000 });
    link = await created.getAttribute('href');
    await created.click();
    await page.locator('video.video-preview').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Beitreten' }).click();
    await page.getByRole('heading', { level: 3, name: 'Gastgeber' }).waitFor({ timeout: 15_000 });
  });

  await t.test('a guest comes by link; both publish to Janus and see each other', async () => {
    const { page } = guest;
    await page.addInitScript(tamperedClient);
    await page.goto(link);
    await page.getByLabel('Ihr Name').fill('Gisela Gast');
    await page.locator('video.video-preview').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Beitreten' }).click();
    const [w1, w2] = await Promise.all([seesOtherVideo(guest.page), seesOtherVideo(anna.page)]);
    assert.ok(w1 > 0 && w2 > 0, 'both remote videos have a size');
    await anna.page.getByRole('figure').filter({ hasText: 'Gisela Gast' }).waitFor();
    await guest.page.getByRole('figure').filter({ hasText: 'Anna' }).waitFor();
    assert.ok(annaSockets.janus.length >= 1 && guestSockets.janus.length >= 1, 'both pages talk to Janus through /janus-ws');
    assert.ok(annaSockets.ticket && guestSockets.ticket && annaSockets.ticket.room === guestSockets.ticket.room, 'one Janus room');
    assert.ok(await janusRoomExists(annaSockets.ticket.room), 'Quartier made the room in Janus');
    await checkPage(guest, 'in the sfu call (guest)');
    await checkPage(anna, 'in the sfu call (host)');
  });

  await t.test('the host removes the guest, whose tampered page stops receiving all the same', async () => {
    // The guest's page receives anna's video now.
    const before = await videoBytesIn(guest.page);
    const deadline = Date.now() + 15_000;
    while (await videoBytesIn(guest.page) <= before) {
      assert.ok(Date.now() < deadline, 'the guest receives video before being removed');
      await new Promise((r) => setTimeout(r, 200));
    }
    await guest.page.evaluate(() => { window.__quartierTamper.on = true; });
    await anna.page.getByRole('button', { name: 'Entfernen: Gisela Gast' }).click();
    await guest.page.getByText('Sie wurden aus dem Raum entfernt.').waitFor({ timeout: 15_000 });
    await anna.page.locator('figure[data-peer]:not([data-peer="self"])').waitFor({ state: 'detached', timeout: 15_000 });
    const stalled = await stopsReceiving(guest.page);
    const ticket = guestSockets.ticket;
    const tokens = (await janus.admin({ janus: 'list_tokens' })).data.tokens.map((x) => x.token);
    assert.ok(!tokens.includes(ticket.token), "the guest's token is out of Janus's token store");
    // Anna still publishes, yet nothing more reaches the removed page.
    await new Promise((r) => setTimeout(r, 2000));
    assert.equal(await videoBytesIn(guest.page), stalled, 'the removed page receives nothing more');
  });

  await t.test('the host ends the room, which is gone from Janus', async () => {
    await anna.page.getByRole('button', { name: 'Raum beenden' }).click();
    await anna.page.getByText('Der Raum wurde beendet.').waitFor({ timeout: 15_000 });
    const deadline = Date.now() + 30_000;
    while (await janusRoomExists(annaSockets.ticket.room)) {
      assert.ok(Date.now() < deadline, 'the Janus room is destroyed within 30 s');
      await new Promise((r) => setTimeout(r, 200));
    }
  });
});
