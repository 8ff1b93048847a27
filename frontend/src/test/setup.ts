// Helpers for component tests (happy-dom): a fetch that answers from a table of routes.
import { vi } from 'vitest';

export type Answer = { status: number; body?: unknown } | 'network';

/** Replaces fetch: each call is answered by the first route whose pattern matches "METHOD path". */
export function mockFetch(routes: [RegExp, Answer | (() => Answer)][]) {
  const calls: string[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const key = `${init?.method ?? 'GET'} ${String(input)}`;
    calls.push(key);
    const found = routes.find(([pattern]) => pattern.test(key));
    if (!found) throw new Error(`unexpected request ${key}`);
    const answer = typeof found[1] === 'function' ? found[1]() : found[1];
    if (answer === 'network') throw new TypeError('Failed to fetch');
    return new Response(answer.body === undefined ? '' : JSON.stringify(answer.body), { status: answer.status, headers: { 'Content-Type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fn);
  return { calls, fn };
}
