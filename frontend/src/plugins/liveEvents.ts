// shell.onLive (shell API 3): plugin UIs listen to the live event stream (/api/live, live.ts).
// Frames are {type, data}: "content" when an item someone may read was posted (data {id, kind,
// container_id, author_id, urgent}; a plugin's items have kind "<plugin>.<kind>"), "notification"
// (data: the notification), "message", and "resync" after frames may have been missed (a
// reconnect, a phone waking up), which every subscriber gets whatever its filter.
// A subscription made through a page's or an item's context.shell belongs to that scope and
// ends when it leaves the screen, so a forgotten unsubscribe cannot leak a handler.
import { onLive } from '../live';

export interface LiveEvent {
  type: string;
  data?: unknown;
  [field: string]: unknown;
}

export interface LiveFilter {
  /** Only these frame types (e.g. ["content"]); "resync" always passes. */
  types?: string[];
  /** Only content frames whose data.kind is one of these (e.g. ["calendar.event"]); "resync" always passes. */
  kinds?: string[];
}

export type LiveHandler = (event: LiveEvent) => void;

/** The subscriptions of one page or item on screen; close() ends them all. */
export class LiveScope {
  private readonly stops = new Set<() => void>();
  add(stop: () => void): void {
    this.stops.add(stop);
  }
  remove(stop: () => void): void {
    this.stops.delete(stop);
  }
  get size(): number {
    return this.stops.size;
  }
  close(): void {
    for (const stop of [...this.stops]) stop();
    this.stops.clear();
  }
}

/** Frames of the connection itself, not events a page can act on. */
const internal = new Set(['hello', 'pong', 'shutdown']);

export function liveMatches(event: LiveEvent, filter?: LiveFilter): boolean {
  if (typeof event.type !== 'string' || internal.has(event.type)) return false;
  if (event.type === 'resync') return true;
  if (filter?.types && !filter.types.includes(event.type)) return false;
  if (filter?.kinds) {
    const kind = (event.data as { kind?: unknown } | undefined)?.kind;
    if (event.type !== 'content' || typeof kind !== 'string' || !filter.kinds.includes(kind)) return false;
  }
  return true;
}

function checkFilter(filter: LiveFilter | undefined, owner: string): void {
  if (filter === undefined) return;
  for (const key of ['types', 'kinds'] as const) {
    const list = filter[key];
    if (list !== undefined && (!Array.isArray(list) || list.some((x) => typeof x !== 'string')))
      throw new Error(`onLive: filter.${key} must be a list of strings (${owner})`);
  }
}

/** Subscribes handler; the returned function unsubscribes (more calls do nothing). */
export function subscribeLive(owner: string, handler: LiveHandler, filter?: LiveFilter, scope?: LiveScope): () => void {
  if (typeof handler !== 'function') throw new Error(`onLive: the handler must be a function (${owner})`);
  checkFilter(filter, owner);
  let active = true;
  const off = onLive((message) => {
    const event = message as LiveEvent;
    if (!active || !liveMatches(event, filter)) return;
    try {
      handler(event);
    } catch (e) {
      console.warn(`Quartier: a live handler of plugin "${owner}" failed`, e);
    }
  });
  const stop = () => {
    if (!active) return;
    active = false;
    off();
    scope?.remove(stop);
  };
  scope?.add(stop);
  return stop;
}
