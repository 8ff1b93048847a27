// The one route and navigation table. The core (routes/core.tsx) and every plugin UI module
// (through the shell API) write into it; the router, the desktop header and the phone bottom
// bar read it. Who may see a page is said once, on its route: a navigation entry is shown only
// to people its route would let in.
import type { ComponentChildren } from 'preact';
import type { User } from '../api/account';
import { matchPath } from '../router';

export interface PageContext {
  params: Record<string, string>;
  query: URLSearchParams;
  path: string;
  user: User | null;
}

export interface RouteEntry {
  path: string;
  /** "core" or the plugin's name: said by the error boundary when the page fails. */
  owner: string;
  /** Only for signed-in people (they are asked to sign in otherwise). */
  login: boolean;
  /** Only for these roles (others are told the page is not theirs). */
  roles?: string[];
  render: (context: PageContext) => ComponentChildren;
}

export interface NavEntry {
  path: string;
  /** Translated label, or a function returning it (so it follows language changes). */
  label: string | (() => string);
  order: number;
  owner: string;
  /** Shown to signed-in people (default), to visitors only ("guest"), or to both ("all"). */
  audience?: 'member' | 'guest' | 'all';
  /** Extra role rule for entries without a route of their own. */
  roles?: string[];
  /** Also in the phone's bottom bar (the first four that the person may open are shown there). */
  bar?: boolean;
  /** A shorter label for the bottom bar, where four entries share 320 px. */
  barLabel?: () => string;
  /** A count shown beside the label, with its words for screen readers. */
  badge?: { count: () => number; label: (count: number) => string };
  /** A short glyph for the bottom bar (decorative, hidden from screen readers). */
  icon?: string;
}

export const table = {
  routes: [] as RouteEntry[],
  navigation: [] as NavEntry[],
  version: 0,
};

const listeners = new Set<() => void>();

export function onTableChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed(): void {
  table.version++;
  for (const l of listeners) l();
}

export function addRoute(entry: RouteEntry): void {
  if (!entry.path.startsWith('/')) throw new Error(`addRoute: path must start with "/" (${entry.owner})`);
  table.routes.push(entry);
  changed();
}

export function addNavigation(entry: NavEntry): void {
  if (!entry.path.startsWith('/')) throw new Error(`addNavigation: path must start with "/" (${entry.owner})`);
  table.navigation.push(entry);
  table.navigation.sort((a, b) => a.order - b.order);
  changed();
}

/** May this person open the route? "login" (sign in first), "role" (not theirs) or "ok". */
export function access(route: Pick<RouteEntry, 'login' | 'roles'>, user: User | null): 'ok' | 'login' | 'role' {
  if (route.login && !user) return 'login';
  if (route.roles && !route.roles.includes(user?.role ?? '')) return 'role';
  return 'ok';
}

/** The first route whose pattern matches the path, with its parameters. */
export function findRoute(path: string): { route: RouteEntry; params: Record<string, string> } | null {
  for (const route of table.routes) {
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return null;
}

/** The navigation entries this person sees, in order. */
export function visibleNavigation(user: User | null): NavEntry[] {
  return table.navigation.filter((n) => {
    const audience = n.audience ?? 'member';
    if (audience === 'member' && !user) return false;
    if (audience === 'guest' && user) return false;
    if (n.roles && !n.roles.includes(user?.role ?? '')) return false;
    const found = findRoute(n.path);
    return !found || access(found.route, user) === 'ok';
  });
}

export function labelOf(entry: NavEntry): string {
  return typeof entry.label === 'function' ? entry.label() : entry.label;
}
