// Type definitions for authors of Quartier plugin UI modules: the `shell` object that the web UI
// passes to `register(shell)` (see plugins/README.md, section 6). Shell API 3; everything of
// versions 1 and 2 is kept (append-only). A plain ES module can use them with JSDoc:
//   /** @param {import('quartier-shell').Shell} shell */ export function register(shell) { ... }
// src/plugins/shell-types.test.ts checks that the shell the web UI builds satisfies them.
/* eslint-disable @typescript-eslint/no-explicit-any -- answers are plain JSON to plugin modules */
import type { ComponentChildren, ComponentType, Fragment, h, render } from 'preact';
import type * as hooks from 'preact/hooks';

export type Cleanup = (() => void) | void;

export interface User {
  id: number;
  display_name: string;
  role: 'resident' | 'staff' | 'moderator' | 'admin';
  language?: string;
  [field: string]: unknown;
}

export interface Item {
  id: number;
  kind: string;
  title: string;
  summary: string;
  body?: string;
  created_at: number;
  author: { id?: number; display_name?: string };
  container: { id?: number; name?: string };
  [field: string]: unknown;
}

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  shell: Shell;
}

export interface PluginRoute {
  title: () => string;
  mount?: (element: HTMLElement, context: RouteContext) => Cleanup;
  component?: ComponentType<RouteContext>;
  requiresLogin?: boolean;
  roles?: string[];
}

export interface NavigationEntry {
  path: string;
  label: string | (() => string);
  order?: number;
  requiresLogin?: boolean;
  roles?: string[];
  /** Also in the phone's bottom bar. */
  bar?: boolean;
}

export interface ApiErrorClass {
  new (status: number, code: string, message: string, field?: string): Error & { status: number; code: string; field?: string };
}

export interface Api {
  get<T = any>(path: string): Promise<T>;
  post<T = any>(path: string, body?: unknown): Promise<T>;
  put<T = any>(path: string, body?: unknown): Promise<T>;
  patch<T = any>(path: string, body?: unknown): Promise<T>;
  del<T = any>(path: string, body?: unknown): Promise<T>;
}

/** A loaded value: loading until the first answer; a failure keeps what was shown. */
export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload(): void;
  setData(data: T | null): void;
}

export interface Action<A extends unknown[]> {
  busy: boolean;
  error: unknown;
  run(...args: A): Promise<void>;
  setError(error: unknown): void;
}

export interface ItemListState {
  items: Item[];
  loading: boolean;
  loaded: boolean;
  error: unknown;
  next: string | null;
  more(): void;
  reload(): void;
  prepend(item: Item): void;
}

type Option = { value: string; label: string };

/** Shell API 2: the core's components and hooks. Field-like components take the server's words as `error`. */
export interface Kit {
  Field: ComponentType<{ label: string; value: string; onValue: (v: string) => void; hint?: string; error?: string; type?: string; required?: boolean; [attr: string]: unknown }>;
  TextArea: ComponentType<{ label: string; value: string; onValue: (v: string) => void; hint?: string; error?: string; rows?: number; maxLength?: number; required?: boolean }>;
  Select: ComponentType<{ label: string; value: string; onValue: (v: string) => void; options: Option[]; hint?: string; disabled?: boolean }>;
  Checkbox: ComponentType<{ label: string; checked: boolean; onChecked: (c: boolean) => void; hint?: string }>;
  RadioGroup: ComponentType<{ legend: string; value: string; onValue: (v: string) => void; options: Option[] }>;
  Submit: ComponentType<{ busy: boolean; children: ComponentChildren; busyText?: string; kind?: 'primary' | 'danger' }>;
  BusyButton: ComponentType<{ onPress: () => Promise<unknown>; children: ComponentChildren; kind?: 'primary' | 'secondary' | 'danger'; busyText?: string; showError?: boolean }>;
  fieldError(error: unknown, field: string): string | undefined;
  onSubmit(handler: () => void): (event: Event) => void;
  ErrorAlert: ComponentType<{ error: unknown }>;
  RetryAlert: ComponentType<{ error: unknown; onRetry: () => void; what?: string; busy?: boolean; alert?: boolean }>;
  Notice: ComponentType<{ children: ComponentChildren; kind?: 'success' | 'info' }>;
  Loading: ComponentType<object>;
  ConfirmDialog: ComponentType<{ trigger: ComponentChildren; title: string; confirmLabel: string; onConfirm: () => void; kind?: 'danger' | 'primary'; children?: ComponentChildren }>;
  /** Shell API 3: a useLoad state as loading (first time only), a failure with a retry (`what` says what failed), or children(data). */
  Loaded: ComponentType<{ state: Loaded<any>; what?: string; children: (data: any) => ComponentChildren }>;
  Page: ComponentType<{ title: string; children?: ComponentChildren; lead?: ComponentChildren }>;
  /** Shell API 3: a titled part of a page, a region named by its heading (h2 unless `level`). */
  Section: ComponentType<{ title: ComponentChildren; level?: 2 | 3 | 4; class?: string; children?: ComponentChildren }>;
  Time: ComponentType<{ ms: number }>;
  AuthorName: ComponentType<{ author?: Item['author'] | null }>;
  ItemCard: ComponentType<{ item: Item; headingLevel?: 2 | 3 | 4 }>;
  ItemList: ComponentType<{ list: ItemListState; emptyText: string; moreLabel?: string; headingLevel?: 2 | 3 | 4; class?: string }>;
  Composer: ComponentType<{ onPosted: (item: Item) => void; containerId?: number; withTitle?: boolean; heading?: string; label?: string; hint?: string; submitLabel?: string }>;
  Reactions: ComponentType<{ item: Item; onChange?: (item: Item) => void }>;
  ReportForm: ComponentType<{ path: string; label?: string }>;
  /** Shell API 3: an item's comments with author and time, delete/report, and the form to write one (the core's comment API). */
  Comments: ComponentType<{ itemId: number; count?: number; onAdded?: (comment: { id: number; body: string; created_at: number; [field: string]: unknown }) => void; headingLevel?: 2 | 3 }>;
  PersonPicker: ComponentType<{ label: string; searchLabel: string; actionLabel: (name: string) => string; onPick: (person: { id?: number; display_name?: string }) => Promise<unknown>; exclude?: number[] }>;
  PagedFooter: ComponentType<{ paged: { next: string | null; loading: boolean; error: unknown; more: () => void; items: unknown[] }; label: string; endText?: string }>;
  useLoad<T>(loader: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Loaded<T>;
  useAction<A extends unknown[]>(action: (...args: A) => Promise<void>): Action<A>;
  usePaged<T extends { id: number | string }>(fetchPage: (cursor: string | null) => Promise<{ items: T[]; next: string | null }>, deps: unknown[]): { items: T[]; loading: boolean; loaded: boolean; error: unknown; next: string | null; more(): void; reload(): void };
  useItemList(load: (cursor: string | null) => Promise<{ items: Item[]; next: string | null }>, deps: unknown[], accepts?: (item: Item) => boolean): ItemListState;
  /** A page loaded when first shown (e.g. `lazy(() => import('./pages.js').then((m) => m.Page))`), so it is not first-page JavaScript. */
  lazy<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P>;
}

export type SlotName =
  | 'profile.sections'
  | 'composer.audience'
  | 'item.actions'
  | 'city.sections'
  | 'settings.sections'
  | 'admin.sections';

/** Shell API 3: options of addSlot; settings.sections and admin.sections need a title (their section's heading). */
export interface SlotOptions {
  title?: string | (() => string);
}

/**
 * Shell API 3: a frame of the live event stream, as the contract describes it
 * (components/schemas/LiveEvent in the served OpenAPI description); narrow on `type`:
 * "content" (an item the person may read was posted), "notification", "message", or "resync"
 * (frames may have been missed: load again what you show).
 */
export type LiveEvent =
  | { type: 'content'; data: { id: number; kind: string; container_id: number; author_id: number; urgent: boolean } }
  | { type: 'notification'; data: { id: number; kind: string; payload: Record<string, unknown>; link: string; urgent: boolean; content_id?: number; created_at: number; read: boolean; [field: string]: unknown } }
  | { type: 'message'; data: { id: number; conversation_id: number; sender_id: number; sender_name: string; body: string; created_at: number } }
  | { type: 'resync' };

/** Shell API 3: which frames a handler gets; "resync" always passes. */
export interface LiveFilter {
  types?: string[];
  /** Content frames of these kinds only, e.g. ["calendar.event"]. */
  kinds?: string[];
}

/** Shell API 3: options of upload. */
export interface UploadOptions {
  method?: 'POST' | 'PUT';
  onProgress?: (fraction: number, loaded: number, total: number) => void;
  signal?: AbortSignal;
  contentType?: string;
  maxBytes?: number;
}

export interface Shell {
  readonly apiVersion: 3;
  readonly plugin: { name: string; version: string; description?: string; ui: string | null } | null;
  language(): string;
  t(key: string, params?: Record<string, string | number>): string;
  formatDate(ms: number): string;
  addTranslations(language: string, entries: Record<string, string>): void;
  addNavigation(entry: NavigationEntry): void;
  addRoute(path: string, route: PluginRoute): void;
  addItemRenderer(kind: string, renderer: (element: HTMLElement, item: Item, context: { shell: Shell; full: boolean }) => Cleanup): void;
  api: Api;
  ApiError: ApiErrorClass;
  navigate(path: string): void;
  user(): User | null;
  announce(message: string): void;
  preact: { h: typeof h; Fragment: typeof Fragment; render: typeof render; hooks: typeof hooks };
  kit: Kit;
  addSlot(name: SlotName, component: ComponentType<{ context: Record<string, unknown> }>, options?: SlotOptions): void;
  /** Shell API 3: subscribe to the live event stream; returns unsubscribe. Through a page's context.shell it also ends when the page leaves the screen. */
  onLive(handler: (event: LiveEvent) => void, filter?: LiveFilter): () => void;
  /** Shell API 3: the file as the raw request body, with progress; rejects with ApiError (code "aborted" when cancelled; 413/415/network in words). */
  upload<T = any>(path: string, file: Blob, options?: UploadOptions): Promise<T>;
}
