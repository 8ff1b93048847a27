// Issue 27, sanitising in the browser: hostile Markdown typed into a comment and into the edit
// of a post, through the real UI against the real server. The UI inserts the server's body_html
// as it is, so the page must end up with no script of the payload running (no dialog, no
// global flag set, no CSP violation, which is what an event handler the CSP blocked causes) and
// no element, attribute or URL in the rendered text that could run one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { suiteGate } from './lib/env.mjs';
import { startServer } from './lib/server.mjs';
import { launch, newSession } from './lib/browser.mjs';
import { login, addUser, createNeighbourhood } from './lib/accounts.mjs';

const gate = suiteGate();
let server;
let browser;
const sessions = [];
const run = Date.now().toString(36);

// Each payload sets window.__xss (or opens a dialog) if it ever runs.
const HOSTILE = [
  '**fett** und [sicher](https://example.org/weg)',
  '<script>window.__xss = "script"; alert("script")</script>',
  '<img src="/nichts.png" onerror="window.__xss = \'img\'; alert(\'img\')">',
  'Inline <b onmouseover="window.__xss = \'b\'">fett</b> und <a href="javascript:window.__xss=\'a\'">roh</a>',
  "[klick](javascript:window.__xss='md') [noch](JaVaScRiPt:alert(1))",
  "![bild](javascript:window.__xss='img2')",
  '<iframe srcdoc="<script>parent.__xss=\'iframe\'</script>"></iframe>',
  '<div onclick="window.__xss=\'div\'" style="position:fixed;inset:0">Klick</div>',
  '<svg onload="window.__xss=\'svg\'"></svg>',
].join('\n\n');

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

/** A session whose pages record dialogs and CSP violations from the first script on. */
async function watchedSession() {
  const session = await newSession(browser, server.url);
  sessions.push(session);
  session.dialogs = [];
  session.page.on('dialog', async (d) => {
    session.dialogs.push(d.message());
    await d.dismiss();
  });
  await session.context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return session;
}

/** Everything in the rendered rich text that could run script; empty when safe. */
async function risksIn(page) {
  return page.evaluate(() => {
    const bad = new Set(['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'STYLE', 'svg', 'SVG', 'MATH', 'math', 'FORM', 'BASE', 'META', 'LINK', 'FRAME']);
    const found = [];
    for (const root of document.querySelectorAll('.rich-text')) {
      for (const el of root.querySelectorAll('*')) {
        if (bad.has(el.tagName)) found.push(`element <${el.tagName.toLowerCase()}>`);
        for (const a of el.attributes) {
          if (/^on/i.test(a.name) || a.name === 'style' || a.name === 'srcdoc') found.push(`attribute ${a.name} on <${el.tagName.toLowerCase()}>`);
          if (['href', 'src', 'action', 'formaction'].includes(a.name) && /^\s*(javascript|vbscript|data:text)/i.test(a.value))
            found.push(`URL ${a.value} in ${a.name}`);
        }
      }
    }
    return found;
  });
}

/** Waits until every image in the rendered text has loaded or failed (so onerror would have run). */
async function imagesSettled(page) {
  await page.waitForFunction(() => [...document.querySelectorAll('.rich-text img')].every((img) => img.complete));
}

/** Hovers and "clicks" every element of the rendered text without following links. */
async function poke(page) {
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('.rich-text *')) {
      el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
      if (el.tagName !== 'A') el.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    }
  });
}

async function assertNothingRan(session, label) {
  const { page } = session;
  await imagesSettled(page);
  await poke(page);
  assert.equal(await page.evaluate(() => window.__xss), undefined, `a payload ran on ${label}`);
  assert.deepEqual(session.dialogs, [], `dialogs opened on ${label}`);
  assert.deepEqual(await page.evaluate(() => window.__csp), [], `CSP violations on ${label}`);
  assert.deepEqual(session.problems, [], `CSP violations or page errors on ${label}`);
  assert.deepEqual(await risksIn(page), [], `script risks in the rendered text on ${label}`);
}

test('hostile Markdown in a comment and in a post edit runs no script in the browser', { skip: gate.skip }, async (t) => {
  const adminMail = `mona-${run}@example.org`;
  const annaMail = `anna-${run}@example.org`;
  const benMail = `ben-${run}@example.org`;
  const postText = `Hoffest am Samstag ${run}`;
  addUser(server, { email: adminMail, name: 'Mona', role: 'admin' });
  const mona = await watchedSession();
  await login(mona, adminMail);
  await createNeighbourhood(mona, 'Kanalviertel', 'kanalviertel');
  addUser(server, { email: annaMail, name: 'Anna', neighbourhood: 'kanalviertel' });
  addUser(server, { email: benMail, name: 'Ben', neighbourhood: 'kanalviertel' });
  const anna = await watchedSession();
  const ben = await watchedSession();
  await login(anna, annaMail);
  await login(ben, benMail);
  let itemPath = '';

  await t.test('Anna posts, Ben comments with hostile Markdown', async () => {
    await anna.page.getByLabel('Was gibt es Neues in Ihrem Quartier?').fill(postText);
    await anna.page.getByRole('button', { name: 'Veröffentlichen' }).click();
    const card = anna.page.locator('.item-card', { hasText: postText });
    await card.waitFor({ timeout: 15_000 });
    itemPath = new URL(await card.getByRole('link').first().evaluate((a) => a.href)).pathname;
    const { page } = ben;
    await page.goto(itemPath);
    await page.locator('main').getByText(postText).first().waitFor();
    await page.getByLabel('Ihr Kommentar').fill(HOSTILE);
    await page.getByRole('button', { name: 'Kommentar senden' }).click();
    await page.locator('.comment .rich-text').waitFor({ timeout: 15_000 });
    await assertNothingRan(ben, 'the item page right after commenting');
    // Rendered as Markdown, not dropped wholesale.
    assert.equal(await page.locator('.comment .rich-text strong').first().textContent(), 'fett');
  });

  await t.test('Anna edits her post to hostile Markdown', async () => {
    const { page } = anna;
    await page.goto(itemPath);
    await page.locator('.comment .rich-text').waitFor();
    await assertNothingRan(anna, "the item page with Ben's comment");
    await page.getByRole('button', { name: 'Bearbeiten' }).click();
    await page.getByLabel('Text des Beitrags').fill(HOSTILE);
    await page.getByRole('button', { name: 'Speichern' }).click();
    // Saved: the form is gone and the page shows the server's rendering of the new text.
    await page.getByRole('button', { name: 'Bearbeiten' }).waitFor({ timeout: 15_000 });
    await page.locator('main .item-body.rich-text').waitFor();
    await assertNothingRan(anna, 'the item page right after editing');
    assert.equal(await page.locator('main .item-body.rich-text strong').first().textContent(), 'fett');
  });

  await t.test('a fresh load of the item shows both sanitised to everyone', async () => {
    for (const [session, label] of [[ben, 'Ben'], [mona, 'Mona']]) {
      const { page } = session;
      await page.goto(itemPath);
      await page.locator('main .item-body.rich-text').waitFor({ timeout: 15_000 });
      await page.locator('.comment .rich-text').waitFor();
      await assertNothingRan(session, `the item page as ${label}`);
      assert.equal(await page.locator('main .item-body.rich-text a[href="https://example.org/weg"]').count(), 1);
    }
  });
});
