// shell.onLive (shell API 3): plugin UIs listen to the live event stream (/api/live, live.ts).
// Frames are the contract's LiveEvent (components/schemas/LiveEvent, typed in liveFrames.ts):
// "content" when an item someone may read was posted (data {id, kind, container_id, author_id,
// urgent}; a plugin's items have kind "<plugin>.<kind>"), "notification" (data: the notification),
// "message", and "resync" after frames may have been missed (a reconnect, a phone waking up),
// which every subscriber gets whatever its filter. The connection's own frames (hello, pong,
// shutdown) are not passed on.
// A subscription made through a page's or an item's context.shell belongs to that scope and
// ends when it leaves the screen, so a forgotten unsubscribe cannot leak a handler.
import { onLive, type LiveFrame } from '../live';

/** A frame a plugin's handler gets: content, notification, message or resync. */
export type LiveEvent = Exclude<LiveFrame, { type: 'hello' | 'pong' | 'shutdown' }>;

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

/** False for the frames of the connection itself, which are no events a page can act on. */
function isPageEvent(frame: LiveFrame): frame is LiveEvent {
  return frame.type !== 'hello' && frame.type !== 'pong' && frame.type !== 'shutdown';
}

export function liveMatches(event: LiveEvent, filter?: LiveFilter): boolean {
  if (event.type === 'resync') return true;
  if (filter?.types && !filter.types.includes(event.type)) return false;
  if (filter?.kinds && (event.type !== 'content' || !filter.kinds.includes(event.data.kind))) return false;
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
  const off = onLive((frame) => {
    if (!active || !isPageEvent(frame) || !liveMatches(frame, filter)) return;
    try {
      handler(frame);
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
