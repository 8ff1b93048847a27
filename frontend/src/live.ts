// One WebSocket per browser to /api/live. Frames are the contract's LiveEvent (liveFrames.ts):
// JSON objects with a "type" ("notification", "content", ...) and their "data"; a frame not in
// that shape is dropped, so listeners narrow on type and read data without casts.
// - Reconnects with growing delay, at once when the browser comes back online or the page
//   becomes visible again (a phone woke up).
// - Pings every 25 s; a socket that does not answer within 10 s is taken for dead and replaced.
// - After a reconnect, and when a hidden page becomes visible, listeners get {"type":"resync"}:
//   frames may have been missed, so counts and lists fetch again what they show.
// - The state is on <html data-live="connecting|open|closed"> (for styles and tests).
import { isLiveEvent, type LiveFrame } from './liveFrames';

export type { LiveEvent, LiveFrame } from './liveFrames';
type Listener = (frame: LiveFrame) => void;

const PING_EVERY = 25_000;
const PONG_WITHIN = 10_000;

const listeners = new Set<Listener>();
let socket: WebSocket | null = null;
let wanted = false;
let delay = 1000;
let everOpen = false;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let pingTimer: ReturnType<typeof setInterval> | undefined;
let pongTimer: ReturnType<typeof setTimeout> | undefined;
let watching = false;

function setStateAttr(state: 'connecting' | 'open' | 'closed'): void {
  if (typeof document !== 'undefined') document.documentElement.dataset.live = state;
}

function emit(frame: LiveFrame): void {
  for (const l of listeners) {
    try {
      l(frame);
    } catch (e) {
      console.warn('Quartier: a live listener failed', e);
    }
  }
}

function stopTimers(): void {
  clearInterval(pingTimer);
  clearTimeout(pongTimer);
}

function ping(): void {
  if (!socket || socket.readyState !== WebSocket.OPEN) return;
  socket.send(JSON.stringify({ type: 'ping' }));
  clearTimeout(pongTimer);
  pongTimer = setTimeout(() => socket?.close(), PONG_WITHIN);
}

function connect(): void {
  if (!wanted || socket) return;
  const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/api/live`;
  setStateAttr('connecting');
  try {
    socket = new WebSocket(url);
  } catch {
    schedule();
    return;
  }
  const ws = socket;
  ws.addEventListener('open', () => {
    delay = 1000;
    setStateAttr('open');
    stopTimers();
    pingTimer = setInterval(ping, PING_EVERY);
    if (everOpen) emit({ type: 'resync' });
    everOpen = true;
  });
  ws.addEventListener('message', (event) => {
    clearTimeout(pongTimer); // any frame shows the connection is alive
    let data: unknown;
    try {
      data = JSON.parse(String(event.data));
    } catch {
      return;
    }
    if (!isLiveEvent(data)) {
      console.warn('Quartier: a live frame not in the contract\'s shape was dropped', data);
      return;
    }
    if (data.type === 'pong') return;
    emit(data);
  });
  ws.addEventListener('close', () => {
    if (socket !== ws) return;
    socket = null;
    stopTimers();
    setStateAttr('closed');
    schedule();
  });
}

function schedule(): void {
  if (!wanted) return;
  clearTimeout(retryTimer);
  retryTimer = setTimeout(connect, delay);
  delay = Math.min(delay * 2, 60_000);
}

/** Try at once (online again, page visible again) instead of waiting for the back-off. */
function reconnectNow(): void {
  if (!wanted) return;
  delay = 1000;
  clearTimeout(retryTimer);
  if (socket) ping();
  else connect();
}

function watchBrowser(): void {
  if (watching || typeof window === 'undefined') return;
  watching = true;
  window.addEventListener('online', reconnectNow);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible' || !wanted) return;
    reconnectNow();
    if (socket?.readyState === WebSocket.OPEN) emit({ type: 'resync' });
  });
}

export function startLive(): void {
  wanted = true;
  watchBrowser();
  connect();
}

export function stopLive(): void {
  wanted = false;
  everOpen = false;
  clearTimeout(retryTimer);
  stopTimers();
  const ws = socket;
  socket = null;
  ws?.close();
  setStateAttr('closed');
}

export function onLive(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
