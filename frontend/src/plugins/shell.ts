// The registration API that plugin UI modules use (documented in plugins/README.md, section 6).
// A module at /plugins/<name>/ui.js exports `register(shell)`; the shell calls it once,
// after the language is chosen and before the first page renders. Routes and navigation go into
// the one table (routes/registry.ts) that the core's pages use too.
import { h, Fragment, render, type ComponentType } from 'preact';
import * as hooks from 'preact/hooks';
import { api, ApiError, upload, type UploadOptions } from '../api';
import { addTranslations, language, t, formatDate } from '../i18n';
import { navigate } from '../router';
import { getState } from '../store';
import { announce } from '../announce';
import { addNavigation, addRoute } from '../routes/registry';
import { pluginPage } from './PluginPage';
import { addSlot, type SlotName, type SlotOptions } from './slots';
import { subscribeLive, type LiveFilter, type LiveHandler, type LiveScope } from './liveEvents';
import { kit, type Kit } from '../kit';
import type { ContentItemData as ContentItem } from '../api/content';
import type { PluginInfo } from '../api/meta';
import type { User } from '../api/account';

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
  /** Only these roles may see the page (its navigation entry follows). */
  roles?: string[];
}

export interface NavigationEntry {
  path: string;
  /** Translated label, or a function returning it (so it follows language changes). */
  label: string | (() => string);
  order?: number;
  requiresLogin?: boolean;
  roles?: string[];
  /** Also in the phone's bottom bar (the first four that the person may open are shown there). */
  bar?: boolean;
}

export type ItemRenderer = (element: HTMLElement, item: ContentItem, context: { shell: Shell; full: boolean }) => Cleanup;

export interface Shell {
  /** 3: everything of version 2 (kit, addSlot), plus onLive, upload and the settings/admin slots. */
  readonly apiVersion: 3;
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
  /** Shell API 2: the core's components and hooks (composer, item list, person picker, ...). */
  kit: Kit;
  /**
   * Shell API 2: add a part to a named place in core pages ("profile.sections", "composer.audience",
   * "item.actions"; 3: "settings.sections", "admin.sections", which need options.title).
   */
  addSlot(name: SlotName, component: ComponentType<{ context: Record<string, unknown> }>, options?: SlotOptions): void;
  /**
   * Shell API 3: listen to the live event stream; returns the unsubscribe function. Through a
   * page's or an item renderer's context.shell it also ends when that leaves the screen.
   */
  onLive(handler: LiveHandler, filter?: LiveFilter): () => void;
  /** Shell API 3: send a file as the raw request body with progress, abortable; errors in words. */
  upload<T = unknown>(path: string, file: Blob, options?: UploadOptions): Promise<T>;
}

/** What plugins registered beside routes and navigation: item renderers, modules that failed. */
export const registry = {
  itemRenderers: new Map<string, ItemRenderer>(),
  failed: [] as { name: string; reason: string }[],
};

/** The shell for a plugin's module; with a scope (a page or an item on screen), onLive ends with it. */
export function makeShell(plugin: PluginInfo | null, scope?: LiveScope): Shell {
  const owner = plugin?.name ?? 'core';
  return {
    apiVersion: 3,
    plugin,
    language,
    t,
    formatDate,
    addTranslations,
    addNavigation(entry) {
      addNavigation({
        path: entry.path,
        label: entry.label,
        order: entry.order ?? 100,
        owner,
        audience: entry.requiresLogin === false ? 'all' : 'member',
        roles: entry.roles,
        bar: entry.bar,
      });
    },
    addRoute(path, route) {
      if (!path.startsWith('/')) throw new Error(`addRoute: path must start with "/" (${owner})`);
      if (!route.mount && !route.component) throw new Error(`addRoute: ${path} needs mount or component (${owner})`);
      addRoute({ path, owner, login: route.requiresLogin !== false, roles: route.roles, render: pluginPage(plugin, route) });
    },
    addItemRenderer(kind, renderer) {
      registry.itemRenderers.set(kind, renderer);
    },
    api,
    ApiError,
    navigate: (path) => navigate(path),
    user: () => getState().user,
    announce,
    preact: { h, Fragment, render, hooks },
    kit,
    addSlot: (name, component, options) => addSlot(name, owner, component, options),
    onLive: (handler, filter) => subscribeLive(owner, handler, filter, scope),
    upload: (path, file, options) => upload(path, file, options),
  };
}

/** Load every enabled plugin's UI module; one failing module never stops the others. */
export async function loadPluginModules(plugins: PluginInfo[]): Promise<void> {
  await Promise.all(
    plugins
      .flatMap((p) => (p.ui?.startsWith('/plugins/') ? [{ ...p, ui: p.ui }] : []))
      .map(async (p) => {
        try {
          const module: { register?: (s: Shell) => unknown } = await import(/* @vite-ignore */ p.ui);
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
