// The public pages of the web UI against the real server: accessibility (axe-core, WCAG 2.1 AA),
// no request to another origin, no CSP violation, keyboard use, screenshots at desktop and phone width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { suiteGate } from './lib/env.mjs';
import { startServer } from './lib/server.mjs';
import { launch, newSession, axe, formatViolations, foreignRequests, screenshot, headingProblems } from './lib/browser.mjs';

const gate = suiteGate();
let server;
let browser;

const PUBLIC_PAGES = [
  { path: '/', name: 'welcome' },
  { path: '/login', name: 'login' },
  { path: '/register', name: 'register' },
  { path: '/password-reset', name: 'password-reset' },
  { path: '/confirm?token=invalid-token-for-test', name: 'confirm-invalid' },
  { path: '/accessibility', name: 'accessibility' },
  { path: '/feedback', name: 'feedback' },
  { path: '/imprint', name: 'imprint' },
  { path: '/privacy', name: 'privacy' },
  { path: '/no/such/page', name: 'not-found' },
  { path: '/settings', name: 'login-required' },
];

before(async () => {
  if (gate.skip || gate.missing.length) return;
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('prerequisites for the browser tests are in place', { skip: gate.skip }, () => {
  assert.deepEqual(gate.missing, [], `missing: ${gate.missing.join('; ')}`);
});

async function open(session, path) {
  await session.page.goto(path, { waitUntil: 'networkidle' });
  await session.page.waitForSelector('main h1');
}

test('every public page passes axe-core with zero violations', { skip: gate.skip }, async () => {
  const session = await newSession(browser, server.url);
  try {
    const failures = [];
    for (const { path } of PUBLIC_PAGES) {
      await open(session, path);
      const violations = await axe(session.page);
      if (violations.length) failures.push(`${path}:\n${formatViolations(violations)}`);
      const headings = await headingProblems(session.page);
      if (headings.length) failures.push(`${path}: headings: ${headings.join('; ')}`);
    }
    assert.equal(failures.join('\n\n'), '', 'axe-core violations');
    assert.deepEqual(session.problems, [], 'CSP violations or page errors');
    assert.deepEqual(foreignRequests(session.requests, server.url), [], 'requests to another origin');
  } finally {
    await session.context.close();
  }
});

test('the pages work in English too and pass axe-core', { skip: gate.skip }, async () => {
  const session = await newSession(browser, server.url, { locale: 'en-GB' });
  try {
    await open(session, '/');
    assert.equal(await session.page.getAttribute('html', 'lang'), 'en');
    assert.match(await session.page.textContent('main h1'), /Welcome/);
    assert.equal(formatViolations(await axe(session.page)), '');
    // The switcher changes the language in place.
    await session.page.getByRole('button', { name: 'Deutsch' }).click();
    await session.page.waitForFunction(() => document.documentElement.lang === 'de');
    assert.match(await session.page.textContent('main h1'), /Willkommen/);
  } finally {
    await session.context.close();
  }
});

test('screenshots of the public pages at desktop and phone width are not blank', { skip: gate.skip }, async () => {
  for (const [label, width, height] of [
    ['desktop', 1280, 900],
    ['phone', 360, 740],
  ]) {
    const session = await newSession(browser, server.url, { width, height });
    try {
      for (const { path, name } of PUBLIC_PAGES.slice(0, 6)) {
        await open(session, path);
        const shot = await screenshot(browser, session.page, `${name}-${label}`);
        assert.ok(!shot.blank, `${shot.file} looks blank (${shot.colours} colours, ${(shot.share * 100).toFixed(2)}% non-background)`);
        // Nothing may scroll sideways: the layout fits the width (WCAG 1.4.10 reflow).
        const overflow = await session.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 1, `${path} at ${width}px scrolls sideways by ${overflow}px`);
      }
    } finally {
      await session.context.close();
    }
  }
});

test('at 320 px and at 200% zoom nothing scrolls sideways', { skip: gate.skip }, async () => {
  // Zooming a 1280 px window to 200% leaves 640 CSS pixels; 320 CSS pixels is the WCAG 1.4.10
  // reflow width (400% of 1280). Both must work without sideways scrolling.
  for (const width of [320, 640]) {
    const session = await newSession(browser, server.url, { width, height: 720 });
    try {
      for (const { path } of PUBLIC_PAGES) {
        await open(session, path);
        const overflow = await session.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 1, `${path} at ${width}px scrolls sideways by ${overflow}px`);
      }
    } finally {
      await session.context.close();
    }
  }
});

test('keyboard: skip link first, visible focus, navigation and forms by keyboard alone', { skip: gate.skip }, async () => {
  const session = await newSession(browser, server.url);
  const { page } = session;
  try {
    await open(session, '/');
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => ({
      text: document.activeElement?.textContent,
      cls: document.activeElement?.className,
    }));
    assert.equal(first.cls, 'skip-link', 'the first Tab stop is the skip link');
    const skipVisible = await page.evaluate(() => {
      const r = document.activeElement.getBoundingClientRect();
      return r.top >= 0 && r.height > 0;
    });
    assert.ok(skipVisible, 'the skip link is visible when focused');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => location.hash), '#main');

    // Every focusable element shows a focus indicator (outline or box-shadow).
    await open(session, '/login');
    const missingFocusStyle = [];
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const s = getComputedStyle(el);
        const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none');
        return { tag: el.tagName, text: (el.textContent || el.getAttribute('aria-label') || el.id || '').trim().slice(0, 40), visible };
      });
      if (info && !info.visible) missingFocusStyle.push(`${info.tag} "${info.text}"`);
    }
    assert.deepEqual(missingFocusStyle, [], 'elements without a visible focus');

    // Submitting the empty login form by keyboard announces the server's error in words.
    await open(session, '/login');
    await page.getByLabel('E-Mail-Adresse').focus();
    await page.keyboard.type('nobody@example.invalid');
    await page.keyboard.press('Tab');
    await page.keyboard.type('wrong password 123');
    await page.keyboard.press('Enter');
    const alert = page.locator('main form [role="alert"]');
    await alert.waitFor({ timeout: 10_000 });
    const text = (await alert.textContent()).trim();
    assert.ok(text.length > 10, `an error in words is announced (got "${text}")`);

    // Footer links reach the accessibility statement from any page by keyboard.
    await page.locator('footer a', { hasText: 'Erklärung zur Barrierefreiheit' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/accessibility');
    assert.equal(await page.textContent('main h1'), 'Erklärung zur Barrierefreiheit');
    // After in-app navigation the focus moves to the new page's heading.
    // The page focuses its heading in an effect after rendering, so wait for that state.
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1', null, { timeout: 10_000 });
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Erklärung zur Barrierefreiheit');
  } finally {
    await session.context.close();
  }
});

test('the server serves the shell with a strict CSP and precompressed assets', { skip: gate.skip }, async () => {
  const res = await fetch(`${server.url}/`, { headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(res.status, 200);
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'self'/);
  const html = await res.text();
  const script = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
  assert.ok(script, 'index.html references a hashed script');
  const asset = await fetch(`${server.url}${script}`, { headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(asset.status, 200);
  assert.equal(asset.headers.get('content-encoding'), 'gzip');
  // No cookies for an anonymous visitor.
  assert.equal(res.headers.get('set-cookie'), null);
});
