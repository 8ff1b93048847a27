// The service worker from the page's side: registers /sw.js (built by scripts/pwa-plugin.ts),
// says when a new version waits ("Neue Version verfügbar – neu laden") and takes it on request,
// tells whether the browser is offline, and clears the worker's runtime cache at logout.
import { signal } from '@preact/signals';

/** A new version is installed and waits for the page's word. */
export const updateReady = signal(false);
/** The browser has no network (navigator.onLine); the app runs from its cache. */
export const offline = signal(typeof navigator !== 'undefined' && navigator.onLine === false);

let waiting: ServiceWorker | null = null;

/** The server could not be reached at start (the network is down, or only the server is): the
 * app runs from the worker's cache, so say so until the browser reports being online again. */
export function markUnreachable(): void {
  offline.value = true;
}

function watch(registration: ServiceWorkerRegistration): void {
  const offer = (worker: ServiceWorker | null) => {
    // Only an update waits with a controller present; the first install takes over directly.
    if (worker && navigator.serviceWorker.controller) {
      waiting = worker;
      updateReady.value = true;
    }
  };
  offer(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const worker = registration.installing;
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed') offer(worker);
    });
  });
}

export function startServiceWorker(): void {
  window.addEventListener('online', () => (offline.value = false));
  window.addEventListener('offline', () => (offline.value = true));
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (!waiting || reloading) return;  // the first install claiming the page: nothing to reload
    reloading = true;
    window.location.reload();
  });
  navigator.serviceWorker
    .register('/sw.js', { scope: '/' })
    .then((registration) => {
      watch(registration);
      // Look for a new version when the app comes back to the foreground.
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') registration.update().catch(() => undefined);
      });
    })
    .catch(() => undefined);  // without a worker the app still works online
}

/** Lets the waiting version take over; the page reloads when it does. */
export function applyUpdate(): void {
  waiting?.postMessage({ type: 'skip-waiting' });
}

/** At logout: the worker drops what it cached while the person used the app. */
export function clearWorkerCache(): void {
  navigator.serviceWorker?.controller?.postMessage({ type: 'logout' });
}
