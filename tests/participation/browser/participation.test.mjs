// The participation UI end to end on phone-sized screens against the real server: an admin
// routes a topic to a department, a resident asks a question (320 px wide), the department's
// staff finds it in their inbox and answers officially, the resident follows the status to the
// answer and sees meinBerlin's projects (from a local stand-in), and the admin sees the figures
// per department and the bridge's state; a place is picked on the neighbourhoods' map by a tap and
// with the arrow keys (a place outside every neighbourhood is refused in words); the inbox loads
// its questions a page at a time. Every page passes
// axe-core; nothing leaves the server's origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suiteGate } from '../../browser/lib/env.mjs';
import { startServer } from '../../browser/lib/server.mjs';
import { launch, newSession } from '../../browser/lib/browser.mjs';
import { addUser, checkPage as checkPageWith, login } from '../../browser/lib/accounts.mjs';
import { apiAs } from '../../browser/lib/faults.mjs';

const gate = suiteGate();
let server;
let browser;
let origin;
const sessions = [];
const run = Date.now().toString(36);

before(async () => {
  if (gate.skip || gate.missing.length) return;
  // The meinBerlin stand-in of the server tests (meinBerlin itself is not reachable here).
  const portFile = join(mkdtempSync(join(tmpdir(), 'meinberlin-')), 'port');
  origin = spawn('python3', [join(import.meta.dirname, '..', 'meinberlin_origin.py'), portFile], { stdio: 'ignore' });
  for (let i = 0; i < 200 && !existsSync(portFile); i++) await new Promise((r) => setTimeout(r, 100));
  const base = `http://127.0.0.1:${readFileSync(portFile, 'utf8').trim()}`;
  server = await startServer({ extraToml: '[plugins]\nenabled = ["participation"]\n[plugins.participation]\n' +
    `meinberlin_enabled = true\nmeinberlin_url = "${base}"\nmeinberlin_districts = ["Treptow-Köpenick"]\nhttp_allow = ["127.0.0.1"]\n` });
  browser = await launch();
});

after(async () => {
  for (const s of sessions) await s.context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
  origin?.kill();
});

const checkPage = (session, label) => checkPageWith(server, session, label);

test('participation: ask, answer as staff, follow the status as the asker', { skip: gate.skip }, async (t) => {
  assert.deepEqual(gate.missing, [], 'browser test prerequisites');
  const phone = { width: 320, height: 640 };
  const ada = await newSession(browser, server.url, { width: 360, height: 740 });
  const anna = await newSession(browser, server.url, phone);
  const tina = await newSession(browser, server.url, { width: 360, height: 740 });
  sessions.push(ada, anna, tina);
  const mail = (n) => `${n}-${run}@example.org`;
  const question = `Wann wird das Schlagloch in der Lindenstraße ${run} repariert?`;
  const answer = 'Die Reparatur ist für den 14. Mai geplant.';

  await t.test('everyone signs in', async () => {
    addUser(server, { email: mail('ada'), name: 'Ada', role: 'admin' });
    addUser(server, { email: mail('anna'), name: 'Anna' });
    addUser(server, { email: mail('tina'), name: 'Tina', role: 'staff', department: 'Tiefbauamt' });
    await login(ada, mail('ada'));
    await login(anna, mail('anna'));
    await login(tina, mail('tina'));
  });

  await t.test('the admin routes a topic to the Tiefbauamt', async () => {
    const { page } = ada;
    await page.goto('/participation/topics');
    await page.getByRole('heading', { level: 2, name: 'Neues Thema' }).waitFor();
    await checkPage(ada, '/participation/topics');
    await page.getByLabel('Kürzel (z. B. strassen)').fill('strassen');
    await page.getByLabel('Name (Deutsch)').fill('Straßen und Wege');
    await page.getByLabel('Name (Englisch)').fill('Roads and paths');
    await page.getByLabel('Abteilung', { exact: true }).fill('Tiefbauamt');
    await page.getByRole('button', { name: 'Thema anlegen' }).click();
    await page.getByLabel('Abteilung für „Straßen und Wege“').waitFor({ timeout: 10_000 });
    assert.equal(await page.getByLabel('Abteilung für „Straßen und Wege“').inputValue(), 'Tiefbauamt');
    await checkPage(ada, 'topic created');
  });

  await t.test('anna asks on a 320 px screen; a missing text is refused in words', async () => {
    const { page } = anna;
    await page.goto('/participation');
    await page.getByRole('heading', { level: 2, name: 'Frage stellen oder Idee vorschlagen' }).waitFor();
    await page.getByLabel('Thema').waitFor();
    await checkPage(anna, '/participation');
    await page.getByLabel('Thema').selectOption({ label: 'Straßen und Wege' });
    await page.getByRole('button', { name: 'Absenden' }).click();
    await page.getByRole('alert').filter({ hasText: 'fehlt' }).waitFor({ timeout: 10_000 });
    await page.getByLabel('Ihre Frage oder Idee').fill(question);
    await page.getByRole('button', { name: 'Absenden' }).click();
    await page.getByRole('heading', { level: 2, name: question }).waitFor({ timeout: 15_000 });
    await page.locator('main').getByText('Eingegangen').first().waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 320, `the question page is ${width}px wide on a 320px screen`);
    await checkPage(anna, 'question page (asker)');
  });

  await t.test('tina finds it in her inbox and answers officially', async () => {
    const { page } = tina;
    await page.goto('/participation/queue');
    await page.getByRole('heading', { level: 2, name: 'Abteilung: Tiefbauamt' }).waitFor({ timeout: 10_000 });
    await page.locator('main').getByText('seit heute').first().waitFor();
    await checkPage(tina, '/participation/queue');
    await page.getByRole('link', { name: question }).click();
    await page.getByRole('heading', { level: 2, name: 'Bearbeiten (Ihre Abteilung)' }).waitFor({ timeout: 10_000 });
    await checkPage(tina, 'question page (staff)');
    await page.getByLabel('Antwort der Abteilung').fill(answer);
    await page.getByRole('button', { name: 'Offiziell antworten' }).click();
    await page.getByText('Offizielle Antwort: Tiefbauamt').waitFor({ timeout: 10_000 });
    await checkPage(tina, 'answered (staff)');
  });

  await t.test('anna follows the status to the official answer', async () => {
    const { page } = anna;
    await page.goto('/participation');
    const mine = page.getByRole('region', { name: 'Meine Fragen und Ideen' });
    await mine.getByText('Beantwortet').waitFor({ timeout: 10_000 });
    await mine.getByRole('link', { name: question }).click();
    await page.getByText('Offizielle Antwort: Tiefbauamt').waitFor({ timeout: 10_000 });
    await page.getByText(answer).waitFor();
    assert.equal(await page.getByRole('region', { name: 'Verlauf' }).locator('li').count(), 2);
    await checkPage(anna, 'question page (answered, asker)');
    // The schedule's first poll brought the district's projects; nothing loads from meinBerlin.
    await page.goto('/participation/projects');
    await page.getByRole('heading', { level: 2, name: 'Spielplatz Altglienicke' }).waitFor({ timeout: 20_000 });
    await page.getByText('© Bezirksamt TK / M. Muster').waitFor();
    await page.getByRole('button', { name: 'Folgen: Spielplatz Altglienicke' }).click();
    await page.getByRole('button', { name: 'Nicht mehr folgen: Spielplatz Altglienicke' }).waitFor({ timeout: 10_000 });
    await checkPage(anna, '/participation/projects');
    await page.getByRole('link', { name: 'Kommentieren: Berliner Klimaplan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Berliner Klimaplan' }).waitFor({ timeout: 10_000 });
  });

  await t.test('the admin sees the figures per department', async () => {
    const { page } = ada;
    await page.goto('/participation/topics');
    const card = page.getByRole('region', { name: 'Zahlen je Abteilung' }).getByRole('listitem').filter({ hasText: 'Tiefbauamt' });
    await card.getByText('Median bis zur Antwort (Std.)').waitFor({ timeout: 10_000 });
    await page.getByRole('link', { name: 'Als CSV herunterladen' }).waitFor();
    const bridge = page.getByRole('region', { name: 'meinBerlin-Anbindung' });
    await bridge.getByText('4 Projekte, 4 geändert, 2 fehlerhafte übersprungen').waitFor();
    await bridge.getByRole('button', { name: 'Jetzt abrufen' }).click();
    await bridge.getByText('Abruf gestartet.').first().waitFor();
    await checkPage(ada, '/participation/topics with figures and the bridge');
  });

  await t.test('anna picks a place on the map: a tap between the neighbourhoods is refused, the arrow keys move it into one', async () => {
    const square = (lon, lat) => ({ type: 'Polygon', coordinates: [[[lon, lat], [lon + 0.03, lat], [lon + 0.03, lat + 0.03], [lon, lat + 0.03], [lon, lat]]] });
    const west = await apiAs(ada.page, 'POST', '/api/neighbourhoods', { slug: `west-${run}`, name: `Westkiez ${run}`, polygon: square(13.50, 52.40) });
    await apiAs(ada.page, 'POST', '/api/neighbourhoods', { slug: `ost-${run}`, name: `Ostkiez ${run}`, polygon: square(13.56, 52.40) });
    const { page } = anna;
    await page.goto('/participation');
    const map = page.getByRole('application', { name: 'Ort in den Quartieren wählen' });
    await map.waitFor({ timeout: 10_000 });
    await page.getByText('Kein Ort gewählt.').waitFor();
    await page.getByLabel('Thema').selectOption({ label: 'Straßen und Wege' });
    await page.getByLabel('Ihre Frage oder Idee').fill(`Wo kommt der neue Fahrradbügel hin? ${run}`);
    // The middle of the map lies in the gap between the two outlines.
    await map.scrollIntoViewIfNeeded();
    const box = await map.boundingBox();
    await map.click({ position: { x: box.width / 2, y: box.height / 2 } });
    await page.getByText(/^Außerhalb der Quartiere/).waitFor({ timeout: 5_000 });
    await checkPage(anna, 'ask form with the map');
    await page.getByRole('button', { name: 'Absenden' }).click();
    await page.getByRole('alert').filter({ hasText: 'liegt in keinem unserer Quartiere' }).waitFor({ timeout: 10_000 });
    // The keyboard: two large steps west put the marker into the west neighbourhood.
    await map.focus();
    await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('Shift+ArrowLeft');
    await page.getByText(`Gewählt: Westkiez ${run}`).waitFor({ timeout: 5_000 });
    const lon = Number(await page.getByLabel('Längengrad, z. B. 13.57').inputValue());
    assert.ok(lon > 13.50 && lon < 13.53, `the marker moved to longitude ${lon}`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 320, `the ask form with the map is ${width}px wide on a 320px screen`);
    await page.getByRole('button', { name: 'Absenden' }).click();
    await page.getByRole('heading', { level: 2, name: `Wo kommt der neue Fahrradbügel hin? ${run}` }).waitFor({ timeout: 15_000 });
    const id = page.url().split('/').pop();
    const asked = await apiAs(page, 'GET', `/api/p/participation/questions/${id}`);
    assert.equal(asked.neighbourhood_id, west.id);
  });

  await t.test('tina\'s inbox shows 50 questions a page and loads the rest', async () => {
    const { topics } = await apiAs(anna.page, 'GET', '/api/p/participation/topics');
    const roads = topics.find((x) => x.slug === 'strassen');
    for (let i = 0; i < 55; i++) await apiAs(anna.page, 'POST', '/api/p/participation/questions', { topic_id: roads.id, text: `Frage ${i} ${run}` });
    const { page } = tina;
    await page.goto('/participation/queue');
    const cards = page.locator('main .participation-card');
    await page.getByRole('button', { name: 'Weitere Fragen laden' }).waitFor({ timeout: 10_000 });
    assert.equal(await cards.count(), 50);
    await checkPage(tina, '/participation/queue with more');
    // Scrolling to the end of the list loads the next page (the button does the same by keyboard).
    await page.getByRole('button', { name: 'Weitere Fragen laden' }).scrollIntoViewIfNeeded();
    await page.getByText(`Frage 54 ${run}`).waitFor({ timeout: 10_000 });
    assert.equal(await cards.count(), 56);  // and the place question asked before
    assert.equal(await page.getByRole('button', { name: 'Weitere Fragen laden' }).count(), 0);
  });
});
