// Quartier's service worker (written by hand, small; scripts/pwa-plugin.ts fills in the shell
// list and the version at build time and writes it to dist/sw.js).
// - The app shell (index.html, the entry script and styles, manifest, icons) is cached at install,
//   so the app starts without a network and says that it is offline.
// - Hashed assets (/assets/...) never change: cache first. Pages: network first, the cached
//   index.html when offline. Plugin UI modules come from the network only.
// - /api is never cached (nothing personal is stored here); a logout clears the runtime cache.
// - A new version waits until the page asks it to take over ("Neue Version verfügbar").
// - Web Push: shows the notification the server encrypted for this browser; a tap opens its page.
const VERSION = '__QUARTIER_VERSION__';
const SHELL = self.__QUARTIER_SHELL__;
const SHELL_CACHE = `quartier-shell-${VERSION}`;
const RUNTIME_CACHE = 'quartier-runtime';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('quartier-shell-') && k !== SHELL_CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  const type = event.data && event.data.type;
  if (type === 'skip-waiting') self.skipWaiting();
  if (type === 'logout') event.waitUntil(caches.delete(RUNTIME_CACHE));
});

async function cacheFirst(request) {
  const hit = await caches.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(RUNTIME_CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

async function networkFirst(request, fallbackKey) {
  try {
    const response = await fetch(request);
    // Only the app's own page stands in for every address offline (not a JSON answer a link led to).
    const html = (response.headers.get('Content-Type') || '').startsWith('text/html');
    if (response.ok && (!fallbackKey || html)) {
      const cache = await caches.open(fallbackKey ? SHELL_CACHE : RUNTIME_CACHE);
      await cache.put(fallbackKey ?? request, response.clone());
    }
    return response;
  } catch (error) {
    const hit = await caches.match(fallbackKey ?? request);
    if (hit) return hit;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const path = url.pathname;
  if (path.startsWith('/api/') || path === '/api' || path === '/sw.js') return;  // never cached
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, '/index.html'));
    return;
  }
  if (path.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request));
    return;
  }
  // Plugin UI modules are left to the network: offline the plugin list (/api/meta) is unknown
  // anyway, so the shell starts without them.
  if (SHELL.includes(path)) event.respondWith(networkFirst(request));
});

self.addEventListener('push', (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch {
    message = {};
  }
  const title = message.title || 'Quartier';
  event.waitUntil(
    self.registration.showNotification(title, {
      body: message.body || '',
      tag: message.tag || undefined,
      lang: message.lang || 'de',
      icon: '/icons/icon-192.png',
      badge: '/icons/icon-192.png',
      data: { url: typeof message.url === 'string' && message.url.startsWith('/') ? message.url : '/notifications' },
      requireInteraction: Boolean(message.urgent),
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = new URL(event.notification.data && event.notification.data.url ? event.notification.data.url : '/', self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((list) => {
      for (const client of list) {
        if (new URL(client.url).origin === self.location.origin && 'focus' in client) {
          return client.focus().then((c) => (c && 'navigate' in c ? c.navigate(target) : c));
        }
      }
      return self.clients.openWindow(target);
    }),
  );
});
