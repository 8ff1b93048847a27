// A tiny History-API router: path patterns like /content/:id, link interception,
// and focus moved to the new page's heading so screen readers hear the change.
import { useEffect, useState } from 'preact/hooks';

export interface Location {
  path: string;
  query: URLSearchParams;
  hash: string;
  /** Names this history entry: what a page kept for it (list, scroll) is found again on Back. */
  key: string;
  /** Reached by Back or Forward (not by a link). */
  pop: boolean;
}

const listeners = new Set<() => void>();
const leaving = new Set<() => void>();
let counter = 0;

/** Called just before the page changes (a link, navigate(), Back or Forward): the old page is still shown. */
export function onBeforeLeave(listener: () => void): () => void {
  leaving.add(listener);
  return () => leaving.delete(listener);
}

function leave(): void {
  for (const l of leaving) l();
}

function newKey(): string {
  counter += 1;
  return `${Date.now().toString(36)}-${counter}`;
}

/** The current history entry's key (given one if it has none, e.g. on the first load). */
export function currentKey(): string {
  const state = window.history.state as { key?: unknown } | null;
  if (state && typeof state.key === 'string') return state.key;
  const key = newKey();
  window.history.replaceState({ ...(state ?? {}), key }, '');
  return key;
}

function read(pop = false): Location {
  return {
    path: window.location.pathname.replace(/\/+$/, '') || '/',
    query: new URLSearchParams(window.location.search),
    hash: window.location.hash,
    key: currentKey(),
    pop,
  };
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = new URL(to, window.location.href);
  if (url.origin !== window.location.origin) {
    window.location.assign(to);
    return;
  }
  leave();
  if (options.replace) window.history.replaceState({ key: newKey() }, '', url);
  else window.history.pushState({ key: newKey() }, '', url);
  for (const l of listeners) l();
}

export function useLocation(): Location {
  const [loc, setLoc] = useState(() => read());
  useEffect(() => {
    const update = () => setLoc(read());
    const popped = () => {
      leave();
      setLoc(read(true));
    };
    listeners.add(update);
    window.addEventListener('popstate', popped);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', popped);
    };
  }, []);
  return loc;
}

/** decodeURIComponent that answers null for a malformed escape such as "%E0" instead of throwing. */
export function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** True when some segment of the path cannot be decoded (e.g. "/content/%E0"). */
export function isMalformedPath(path: string): boolean {
  return path.split('/').some((s) => safeDecode(s) === null);
}

/**
 * Match "/content/:id" against "/content/42" -> {id: "42"}; null when it does not match, and
 * also when a segment it would read is malformed (a bad link must not throw during render).
 */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  const wildcard = p[p.length - 1] === '*';
  if (wildcard ? s.length < p.length - 1 : p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '*') {
      const rest = s.slice(i).map(safeDecode);
      if (rest.some((r) => r === null)) return null;
      params['*'] = rest.join('/');
      return params;
    }
    if (p[i].startsWith(':')) {
      const value = safeDecode(s[i]);
      if (value === null) return null;
      params[p[i].slice(1)] = value;
    } else if (p[i] !== s[i]) return null;
  }
  return params;
}

/** Intercept same-origin link clicks in the document so navigation stays in the app. */
export function installLinkInterception(): void {
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const href = anchor.getAttribute('href');
    if (!href || href.startsWith('#') || href.startsWith('mailto:')) return;
    const url = new URL(anchor.href, window.location.href);
    if (url.origin !== window.location.origin) return;
    if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/plugins/')) return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
}
