// The help exchange UI end to end on phone-sized screens against the real server with the help
// plugin: a helper offers shopping help in her neighbourhood, a neighbour asks for it (as a
// risk-group member), the helper is matched, says "I can help" and lands in the conversation,
// the asker accepts her, marks it done and says thank you, and the stream card shows the status.
// Then the city designates a group as coordinating organisation, its owner assigns the helper to a
// new request from the coordinator view, the helper steps back (open again, in the history), the
// owner assigns and then reassigns it, and the city page shows "helped this month".
// Every page passes axe-core; nothing leaves the server's origin. Shared helpers of tests/browser/lib.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { suiteGate } from '../../browser/lib/env.mjs';
import { startServer } from '../../browser/lib/server.mjs';
import { launch, newSession } from '../../browser/lib/browser.mjs';
import { addUser, checkPage as checkPageWith, createNeighbourhood, login } from '../../browser/lib/accounts.mjs';
import { apiAs } from '../../browser/lib/faults.mjs';

const gate = suiteGate();
let server;
let browser;
const sessions = [];
const run = Date.now().toString(36);
const phone = { width: 320, height: 740 };

before(async () => {
  if (gate.skip || gate.missing.length) return;
  server = await startServer({ extraToml: '[plugins]\nenabled = ["help", "groups"]\n' });
  browser = await launch();
});

after(async () => {
  for (const s of sessions) await s.context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

const checkPage = (session, label) => checkPageWith(server, session, label);

test('help: offer, ask, be matched, chat and mark done on a phone', { skip: gate.skip }, async (t) => {
  assert.deepEqual(gate.missing, [], 'browser test prerequisites');
  const admin = await newSession(browser, server.url);
  const hanna = await newSession(browser, server.url, phone);
  const anna = await newSession(browser, server.url, phone);
  const olga = await newSession(browser, server.url, phone);
  sessions.push(admin, hanna, anna, olga);
  const group = `Pfarrei St. Martin ${run}`;
  const garden = `Hecke schneiden vor dem Winter ${run}`;
  const text = `Wocheneinkauf aus dem Bioladen ${run}`;

  await t.test('a neighbourhood and two neighbours in it', async () => {
    addUser(server, { email: `admin-${run}@example.org`, name: 'Amt', role: 'admin' });
    await login(admin, `admin-${run}@example.org`);
    await createNeighbourhood(admin, 'Nordstadt', `nord-${run}`);
    addUser(server, { email: `hanna-${run}@example.org`, name: 'Hanna Helfer', neighbourhood: `nord-${run}` });
    addUser(server, { email: `anna-${run}@example.org`, name: 'Anna Asker', neighbourhood: `nord-${run}` });
    await login(hanna, `hanna-${run}@example.org`);
    await login(anna, `anna-${run}@example.org`);
  });

  await t.test('hanna offers help with shopping', async () => {
    const { page } = hanna;
    await page.goto('/help');
    await page.getByRole('heading', { level: 1, name: 'Nachbarschaftshilfe' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Anfragen für Sie' }).waitFor();
    await checkPage(hanna, '/help');
    await page.getByRole('link', { name: 'Hilfe anbieten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hilfe anbieten' }).waitFor();
    await page.getByLabel('Wobei?').selectOption('shopping');
    await page.getByLabel('Ein paar Worte zu Ihrem Angebot (optional)').fill('Ich gehe ohnehin jeden Samstag einkaufen.');
    await page.getByRole('button', { name: 'Angebot speichern' }).click();
    await page.getByRole('button', { name: 'Angebot entfernen: Einkaufen' }).waitFor({ timeout: 10_000 });
    await checkPage(hanna, '/help/offer');
  });

  await t.test('anna asks for help with shopping, as a risk-group member', async () => {
    const { page } = anna;
    await page.goto('/help/ask');
    await page.getByRole('heading', { level: 1, name: 'Um Hilfe bitten' }).waitFor();
    await checkPage(anna, '/help/ask');
    await page.getByLabel('Wobei?').selectOption('shopping');
    await page.getByLabel('Kurze Beschreibung').fill(text);
    const tomorrow = new Date(Date.now() + 86_400_000);
    const pad = (n) => String(n).padStart(2, '0');
    await page.getByLabel(/^Datum/).fill(`${tomorrow.getFullYear()}-${pad(tomorrow.getMonth() + 1)}-${pad(tomorrow.getDate())}`);
    await page.getByLabel('Ich gehöre zu einer Risikogruppe').check();
    await page.getByRole('button', { name: 'Anfrage senden' }).click();
    await page.getByRole('heading', { level: 2, name: 'Einkaufen' }).waitFor({ timeout: 15_000 });
    await page.getByText('Status: Offen', { exact: false }).waitFor();
    await checkPage(anna, 'request page (asker)');
  });

  await t.test('hanna is matched, sees the risk note and says I can help', async () => {
    const { page } = hanna;
    await page.goto('/help');
    await page.getByRole('region', { name: 'Anfragen für Sie' }).getByRole('link', { name: 'Einkaufen' }).click();
    await page.getByText(text).waitFor({ timeout: 10_000 });
    await page.getByText('Die fragende Person gehört zu einer Risikogruppe', { exact: false }).waitFor();
    await checkPage(hanna, 'request page (matched helper)');
    await page.getByLabel('Ihre Nachricht an die fragende Person (optional)').fill(`Ich kann Samstag früh ${run}`);
    await page.getByRole('button', { name: 'Ich kann helfen' }).click();
    await page.getByRole('link', { name: 'Zum Gespräch' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gespräch mit Anna Asker' }).waitFor({ timeout: 10_000 });
    await page.getByText(`Ich kann Samstag früh ${run}`).waitFor();
    await checkPage(hanna, 'conversation (helper)');
  });

  await t.test('anna accepts hanna, marks it done and says thank you', async () => {
    const { page } = anna;
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Wer helfen möchte' }).waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Hanna Helfer annehmen' }).click();
    await page.getByText('Es hilft: Hanna Helfer').waitFor({ timeout: 10_000 });
    await page.getByText('Status: Jemand hilft', { exact: false }).waitFor();
    await checkPage(anna, 'request in progress');
    await page.getByRole('button', { name: 'Als erledigt markieren' }).click();
    await page.getByText('Status: Erledigt', { exact: false }).waitFor({ timeout: 10_000 });
    await page.getByLabel('Ein paar Worte (optional)').fill('Tausend Dank!');
    await page.getByRole('button', { name: 'Danke sagen' }).click();
    await page.locator('[aria-live]').getByText('Danke gesagt.').first().waitFor({ timeout: 10_000 }).catch(() => {});
    await checkPage(anna, 'request done');
  });

  await t.test('the stream card shows the status without opening the request', async () => {
    const { page } = hanna;
    await page.goto('/');
    const card = page.locator('main article', { hasText: text }).first();
    await card.getByText('Erledigt · Einkaufen').waitFor({ timeout: 10_000 });
    await card.getByText('Nachbarschaftshilfe', { exact: false }).first().waitFor();
    await checkPage(hanna, 'stream with the request card');
  });

  await t.test('the city designates a group as coordinating organisation for Nordstadt', async () => {
    addUser(server, { email: `olga-${run}@example.org`, name: 'Olga Ordner', neighbourhood: `nord-${run}` });
    await login(olga, `olga-${run}@example.org`);
    await apiAs(olga.page, 'POST', '/api/p/groups/groups', { name: group, category: 'other', visibility: 'public' });
    const { page } = admin;
    await page.goto('/help/staff');
    await page.getByRole('heading', { level: 2, name: 'Koordinierende Organisationen' }).waitFor();
    await page.getByLabel('Gruppe suchen').fill('Pfarrei');
    await page.getByLabel('Gruppe', { exact: true }).locator('option', { hasText: group }).waitFor({ state: 'attached', timeout: 10_000 });
    await page.getByLabel('Gruppe', { exact: true }).selectOption({ label: group });
    await page.getByLabel('Nordstadt').check();
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText(`${group}: Nordstadt`).waitFor({ timeout: 10_000 });
    await checkPage(admin, '/help/staff with a coordinating organisation');
  });

  await t.test('anna asks for garden help; olga assigns hanna from the coordinator view', async () => {
    await apiAs(anna.page, 'POST', '/api/p/help/requests', { category: 'garden', text: garden, when: 'regularly' });
    const { page } = olga;
    await page.goto('/help');
    await page.getByRole('link', { name: 'Koordination' }).last().click();
    await page.getByRole('heading', { level: 1, name: 'Koordination' }).waitFor({ timeout: 10_000 });
    const card = page.locator('li', { hasText: garden });
    await card.waitFor({ timeout: 10_000 });
    await checkPage(olga, '/help/coordination');
    await card.getByRole('button', { name: 'Helfende zuweisen: Garten · Nordstadt' }).click();
    await card.getByLabel('Wer hilft?').locator('option', { hasText: 'Hanna Helfer' }).waitFor({ state: 'attached', timeout: 10_000 });
    await card.getByLabel('Wer hilft?').selectOption({ label: 'Hanna Helfer (hilft im Quartier)' });
    await card.getByLabel('Nachricht an die fragende Person (optional)').fill(`Hanna kommt am Samstag ${run}`);
    await card.getByRole('button', { name: 'Zuweisen' }).click();
    await card.getByText('Zugewiesen: Hanna Helfer').waitFor({ timeout: 10_000 });
    await checkPage(olga, 'assigned as coordinator');
  });

  await t.test('anna sees who helps and who arranged it; the conversation has the note', async () => {
    const { page } = anna;
    await page.goto('/help');
    await page.getByRole('region', { name: 'Meine Anfragen' }).getByRole('link', { name: 'Garten' }).click();
    await page.getByText('Status: Jemand hilft', { exact: false }).waitFor({ timeout: 10_000 });
    await page.getByText('Es hilft: Hanna Helfer').waitFor();
    await page.getByText(`Vermittelt durch ${group}`, { exact: true }).waitFor();  // the history names it too
    await checkPage(anna, 'request assigned by a coordinator');
    await page.getByRole('link', { name: 'Zum Gespräch' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Gespräch mit Hanna Helfer' }).waitFor({ timeout: 10_000 });
    await page.getByText(`Hanna kommt am Samstag ${run}`, { exact: false }).first().waitFor({ timeout: 10_000 });
    await page.getByText(`Vermittelt durch ${group}`, { exact: false }).first().waitFor();
  });

  await t.test('hanna steps back from the garden request; anna sees it open again with its history', async () => {
    const { page } = hanna;
    await page.goto('/help');
    await page.getByRole('region', { name: 'Meine Anfragen' }).getByRole('link', { name: 'Garten' }).click();
    await page.getByText('Status: Jemand hilft', { exact: false }).waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Ich kann doch nicht helfen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ich kann doch nicht helfen' });
    await dialog.getByLabel('Ein Wort an die fragende Person (optional)').fill(`Ich bin leider krank ${run}`);
    await checkPage(hanna, 'stepping back (dialog)');
    await dialog.getByRole('button', { name: 'Ich kann doch nicht helfen' }).click();
    await page.getByText('Status: Offen', { exact: false }).waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Ich kann helfen' }).waitFor();
    await checkPage(hanna, 'request after stepping back');

    await anna.page.goto('/help');
    await anna.page.getByRole('region', { name: 'Meine Anfragen' }).getByRole('link', { name: 'Garten' }).click();
    await anna.page.getByText('Status: Offen', { exact: false }).waitFor({ timeout: 10_000 });
    const history = anna.page.getByRole('region', { name: 'Verlauf' });
    await history.getByText('Helfende zugewiesen (Hanna Helfer)', { exact: false }).waitFor();
    await history.getByText('Helfende Person zurückgetreten, wieder offen (Hanna Helfer)').waitFor();
    await checkPage(anna, 'request open again with its history');
  });

  await t.test('olga assigns hanna again, then reassigns the request to herself', async () => {
    const { page } = olga;
    await page.goto('/help/coordination');
    const open = page.getByRole('region', { name: 'Offene Anfragen' }).locator('li', { hasText: garden });
    await open.getByRole('button', { name: 'Helfende zuweisen: Garten · Nordstadt' }).click();
    await open.getByLabel('Wer hilft?').locator('option', { hasText: 'Hanna Helfer' }).waitFor({ state: 'attached', timeout: 10_000 });
    await open.getByLabel('Wer hilft?').selectOption({ label: 'Hanna Helfer (hilft im Quartier)' });
    await open.getByRole('button', { name: 'Zuweisen' }).click();
    await open.getByText('Zugewiesen: Hanna Helfer').waitFor({ timeout: 10_000 });

    await page.reload();
    const helping = page.getByRole('region', { name: 'Jemand hilft' }).locator('li', { hasText: garden });
    await helping.getByText('Es hilft: Hanna Helfer', { exact: false }).waitFor({ timeout: 10_000 });
    await helping.getByRole('button', { name: 'Neu zuweisen: Garten · Nordstadt' }).click();
    await helping.getByLabel('Wer hilft?').locator('option', { hasText: 'Olga Ordner' }).waitFor({ state: 'attached', timeout: 10_000 });
    await helping.getByLabel('Wer hilft?').selectOption({ label: 'Olga Ordner (Mitglied)' });
    await checkPage(olga, 'reassigning as coordinator');
    await helping.getByRole('button', { name: 'Neu zuweisen', exact: true }).click();
    await helping.getByText('Neu zugewiesen: Olga Ordner').waitFor({ timeout: 10_000 });

    await anna.page.reload();
    await anna.page.getByText('Es hilft: Olga Ordner').waitFor({ timeout: 10_000 });
    await anna.page.getByRole('region', { name: 'Verlauf' }).getByText('Neu zugewiesen (Hanna Helfer → Olga Ordner)', { exact: false }).waitFor();
    await checkPage(anna, 'request reassigned by a coordinator');
  });

  await t.test('the city page shows how many were helped this month', async () => {
    const { page } = hanna;
    await page.goto('/city');
    const section = page.getByRole('region', { name: 'Nachbarschaftshilfe' });
    await section.getByText('In diesem Monat geholfen: 1').waitFor({ timeout: 10_000 });
    await section.getByText('Nordstadt: 1').waitFor();
    await checkPage(hanna, '/city with helped this month');
  });
});
