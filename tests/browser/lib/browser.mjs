// Debian's chromium driven by playwright-core (never a downloaded browser), with:
// - every request recorded, so a test can assert nothing left the server's origin;
// - CSP violations and page errors collected;
// - axe-core run inside the page (injected over the DevTools protocol, so the page's CSP
//   stays in force);
// - screenshots written to test-output/screenshots and checked to be non-blank.
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load, resolveModule, chromiumPath, outputDir } from './env.mjs';

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
let axeSource = null;

/** extraArgs: further Chromium switches for one test only (e.g. the video test's fake camera). */
export async function launch({ extraArgs = [] } = {}) {
  const { chromium } = load('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-default-apps',
      '--disable-domain-reliability',
      '--disable-client-side-phishing-detection',
      '--metrics-recording-only',
      ...extraArgs,
    ],
  });
}

/** A fresh browser context (own cookies) that records requests and problems. */
export async function newSession(browser, baseURL, { width = 1280, height = 900, locale = 'de-DE' } = {}) {
  const context = await browser.newContext({ baseURL, viewport: { width, height }, locale, acceptDownloads: true });
  const requests = [];
  const problems = [];
  context.on('request', (req) => requests.push(req.url()));
  context.on('page', (page) => watchPage(page, problems));
  const page = await context.newPage();
  return { context, page, requests, problems };
}

function watchPage(page, problems) {
  page.on('console', (msg) => {
    const text = msg.text();
    if (/Content Security Policy|Refused to (load|execute|apply|connect)/i.test(text)) problems.push(`CSP: ${text}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
}

/** URLs recorded that went anywhere but the server's own origin (data:, blob: and about: are local). */
export function foreignRequests(requests, baseURL) {
  const origin = new URL(baseURL).origin;
  const wsOrigin = origin.replace(/^http/, 'ws');
  return requests.filter((u) => {
    if (/^(data|blob|about):/.test(u)) return false;
    const o = new URL(u).origin;
    return o !== origin && o !== wsOrigin;
  });
}

/** Runs axe-core with the WCAG 2.1 A/AA tags; returns the violations (empty is the goal). */
export async function axe(page) {
  axeSource ??= readFileSync(resolveModule('axe-core/axe.min.js'), 'utf8');
  const present = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!present) await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  }, AXE_TAGS);
}

export function formatViolations(violations) {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target}: ${n.summary}`).join('\n')}`)
    .join('\n');
}

/**
 * Saves a full-page screenshot under test-output/screenshots/<name>.png and checks that it is
 * not blank: decoded in a blank page, the picture must have more than a handful of colours and
 * a fair share of non-background pixels.
 */
export async function screenshot(browser, page, name) {
  const dir = join(outputDir, 'screenshots');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.png`);
  const png = await page.screenshot({ fullPage: true });
  writeFileSync(file, png);
  const checker = await browser.newPage();
  try {
    const stats = await checker.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const colours = new Set();
      let differing = 0;
      const [r0, g0, b0] = [data[0], data[1], data[2]];
      const step = 4 * 7; // sample every 7th pixel
      let samples = 0;
      for (let i = 0; i < data.length; i += step) {
        samples++;
        colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
        if (Math.abs(data[i] - r0) + Math.abs(data[i + 1] - g0) + Math.abs(data[i + 2] - b0) > 30) differing++;
      }
      return { width: canvas.width, height: canvas.height, colours: colours.size, share: differing / samples };
    }, png.toString('base64'));
    return { file, ...stats, blank: stats.colours < 8 || stats.share < 0.005 };
  } finally {
    await checker.close();
  }
}

/**
 * Headings in order (WCAG 1.3.1 / 2.4.6 as the baseline asks): exactly one h1, the first heading
 * is the h1, and no level is skipped going down. Returns the problems found.
 */
export async function headingProblems(page) {
  return page.evaluate(() => {
    const hs = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => ({ level: Number(h.tagName[1]), text: h.textContent.trim().slice(0, 50) }));
    const problems = [];
    if (hs.filter((h) => h.level === 1).length !== 1) problems.push(`expected one h1, found ${hs.filter((h) => h.level === 1).length}`);
    if (hs.length && hs[0].level !== 1) problems.push(`the first heading is h${hs[0].level} "${hs[0].text}"`);
    for (let i = 1; i < hs.length; i++)
      if (hs[i].level > hs[i - 1].level + 1) problems.push(`h${hs[i - 1].level} "${hs[i - 1].text}" is followed by h${hs[i].level} "${hs[i].text}"`);
    return problems;
  });
}
