// The registration API that plugin UI modules use (documented in plugins/README.md, section 6).
// A module at /plugins/<name>/ui.js exports `register(shell)`; the shell calls it once,
// after the language is chosen and before the first page renders.
import { h, Fragment, render, type ComponentType } from 'preact';
import * as hooks from 'preact/hooks';
import { api, ApiError } from './api';
import { addTranslations, language, t, formatDate } from './i18n';
import { navigate } from './router';
import { getState, setState } from './store';
import { announce } from './announce';
import type { ContentItem, PluginInfo, User } from './types';

/** Cleanup returned by a mount function; called when the page or item leaves the screen. */
export type Cleanup = (() => void) | void;

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  shell: Shell;
}

export interface PluginRoute {
  /** Page title (already translated), used for <title> and the page heading. */
  title: () => string;
  /** Either mount into a plain element (any framework or none) ... */
  mount?: (element: HTMLElement, context: RouteContext) => Cleanup;
  /** ... or a Preact component built with shell.preact.h. */
  component?: ComponentType<RouteContext>;
  /** Only signed-in people may see the page (default true). */
  requiresLogin?: boolean;
}

export interface NavigationEntry {
  path: string;
  /** Translated label, or a function returning it (so it follows language changes). */
  label: string | (() => string);
  order?: number;
  requiresLogin?: boolean;
  roles?: string[];
  plugin?: string;
}

export type ItemRenderer = (element: HTMLElement, item: ContentItem, context: { shell: Shell; full: boolean }) => Cleanup;

export interface Shell {
  readonly apiVersion: 1;
  readonly plugin: PluginInfo | null;
  language(): string;
  t(key: string, params?: Record<string, string | number>): string;
  formatDate(ms: number): string;
  addTranslations(language: string, entries: Record<string, string>): void;
  addNavigation(entry: NavigationEntry): void;
  addRoute(path: string, route: PluginRoute): void;
  addItemRenderer(kind: string, renderer: ItemRenderer): void;
  api: typeof api;
  ApiError: typeof ApiError;
  navigate(path: string): void;
  user(): User | null;
  announce(message: string): void;
  preact: { h: typeof h; Fragment: typeof Fragment; render: typeof render; hooks: typeof hooks };
}

export const registry = {
  navigation: [] as NavigationEntry[],
  routes: [] as { path: string; route: PluginRoute; plugin: string }[],
  itemRenderers: new Map<string, ItemRenderer>(),
  failed: [] as { name: string; reason: string }[],
  version: 0,
};

function bump(): void {
  registry.version++;
  setState({});
}

export function makeShell(plugin: PluginInfo | null): Shell {
  const owner = plugin?.name ?? 'core';
  return {
    apiVersion: 1,
    plugin,
    language,
    t,
    formatDate,
    addTranslations,
    addNavigation(entry) {
      if (!entry.path.startsWith('/')) throw new Error(`addNavigation: path must start with "/" (${owner})`);
      registry.navigation.push({ order: 100, requiresLogin: true, ...entry, plugin: owner });
      registry.navigation.sort((a, b) => (a.order ?? 100) - (b.order ?? 100));
      bump();
    },
    addRoute(path, route) {
      if (!path.startsWith('/')) throw new Error(`addRoute: path must start with "/" (${owner})`);
      if (!route.mount && !route.component) throw new Error(`addRoute: ${path} needs mount or component (${owner})`);
      registry.routes.push({ path, route, plugin: owner });
      bump();
    },
    addItemRenderer(kind, renderer) {
      registry.itemRenderers.set(kind, renderer);
      bump();
    },
    api,
    ApiError,
    navigate: (path) => navigate(path),
    user: () => getState().user,
    announce,
    preact: { h, Fragment, render, hooks },
  };
}

/** Load every enabled plugin's UI module; one failing module never stops the others. */
export async function loadPluginModules(plugins: PluginInfo[]): Promise<void> {
  await Promise.all(
    plugins
      .filter((p) => typeof p.ui === 'string' && p.ui.startsWith('/plugins/'))
      .map(async (p) => {
        try {
          const module = (await import(/* @vite-ignore */ p.ui as string)) as { register?: (s: Shell) => unknown };
          if (typeof module.register !== 'function') throw new Error('the module exports no register(shell) function');
          await module.register(makeShell(p));
        } catch (e) {
          const reason = e instanceof Error ? e.message : String(e);
          registry.failed.push({ name: p.name, reason });
          console.warn(`Quartier: the UI module of plugin "${p.name}" could not be loaded: ${reason}`);
        }
      }),
  );
}
