// Making requests fail on purpose (playwright route interception), and API calls from a
// signed-in page (with its CSRF token), for the tests that check what the UI does when the
// server or the network lets it down.

/**
 * Every request whose URL matches `pattern` (a glob or RegExp) fails: `{ status: 500 }` answers
 * with the server's error shape, `{ abort: true }` drops it as a lost connection would.
 * Returns a function that lets the requests through again.
 */
export async function failRequests(page, pattern, { status = 500, abort = false, method } = {}) {
  const handler = async (route) => {
    if (method && route.request().method() !== method) return route.fallback();
    if (abort) return route.abort('internetdisconnected');
    return route.fulfill({
      status,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'test_failure', message: 'Testfehler: der Server antwortet nicht. / Test failure: the server does not answer.' } }),
    });
  };
  await page.route(pattern, handler);
  return () => page.unroute(pattern, handler);
}

/** Calls the API from the page as the signed-in person (CSRF token from /api/me). */
export async function apiAs(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch('/api/me')).json();
      const r = await fetch(path, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token ?? '' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
      return text ? JSON.parse(text) : null;
    },
    { method, path, body },
  );
}

/** Waits until the page's live socket is open (live.ts marks <html data-live="open">). */
export async function liveOpen(page) {
  await page.waitForFunction(() => document.documentElement.dataset.live === 'open');
}
