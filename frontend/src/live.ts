// One WebSocket per browser to /api/live. Messages are JSON objects with a "type"
// (e.g. "notification", "content"); listeners filter what they need. Reconnects with
// growing delay; stops when the person signs out.
type Listener = (message: { type?: string; [key: string]: unknown }) => void;

const listeners = new Set<Listener>();
let socket: WebSocket | null = null;
let wanted = false;
let delay = 1000;
let timer: ReturnType<typeof setTimeout> | undefined;

function connect(): void {
  if (!wanted || socket) return;
  const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/api/live`;
  try {
    socket = new WebSocket(url);
  } catch {
    schedule();
    return;
  }
  socket.addEventListener('open', () => {
    delay = 1000;
  });
  socket.addEventListener('message', (event) => {
    let data: unknown;
    try {
      data = JSON.parse(String(event.data));
    } catch {
      return;
    }
    if (!data || typeof data !== 'object') return;
    for (const l of listeners) l(data as { type?: string });
  });
  socket.addEventListener('close', () => {
    socket = null;
    schedule();
  });
}

function schedule(): void {
  if (!wanted) return;
  clearTimeout(timer);
  timer = setTimeout(connect, delay);
  delay = Math.min(delay * 2, 60_000);
}

export function startLive(): void {
  wanted = true;
  connect();
}

export function stopLive(): void {
  wanted = false;
  clearTimeout(timer);
  socket?.close();
  socket = null;
}

export function onLive(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
