// Owner app service worker: keeps the app shell and static files for a flaky network, never API data.
// It is registered relative to <base href="/o/<slug>/">, so each dealer group gets its own scope and cache.
const VERSION = 'v1';
const PREFIX = 'm4s-owner-';
const CACHE = `${PREFIX}${VERSION}:${self.registration.scope}`;
const SHELL_URL = self.registration.scope; // every navigation answers the same index.html
const PRECACHE = [SHELL_URL, 'manifest.webmanifest', 'icon-192.png', 'icon-512.png'];
// Where the API lives (contracts' apiPrefix), passed by main.tsx in the worker's URL: `sw.js?api=…`.
const API = `${new URL(self.location.href).searchParams.get('api') ?? ''}/`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // One missing file (e.g. a tenant without a logo) must not stop the worker from installing.
      .then((cache) => Promise.all(PRECACHE.map((url) => cache.add(url).catch(() => undefined))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith(PREFIX) && key.endsWith(`:${self.registration.scope}`) && key !== CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

const storable = (response) => response && response.ok && response.type === 'basic';

const put = async (key, response) => {
  if (!storable(response)) return;
  const cache = await caches.open(CACHE);
  await cache.put(key, response);
};

/** Navigations: the newest page when online, the cached shell when not. */
const networkFirst = async (request) => {
  try {
    const response = await fetch(request);
    await put(SHELL_URL, response.clone());
    return response;
  } catch (error) {
    const cached = await caches.match(SHELL_URL);
    if (cached) return cached;
    throw error;
  }
};

/** Hashed build files never change under the same name: the cache is always right. */
const cacheFirst = async (request) => {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  await put(request, response.clone());
  return response;
};

/** Manifest, icons, logo: answer from the cache at once and refresh it for next time. */
const staleWhileRevalidate = async (request) => {
  const cached = await caches.match(request);
  const refresh = fetch(request)
    .then(async (response) => {
      await put(request, response.clone());
      return response;
    })
    .catch(() => cached);
  return cached ?? refresh;
};

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // API answers are personal and live; the dev outbox is a tool. Neither is ever cached.
  if ((API !== '/' && url.pathname.startsWith(API)) || url.pathname.startsWith('/dev/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request));
    return;
  }
  if (!url.href.startsWith(self.registration.scope)) return;
  const path = url.href.slice(self.registration.scope.length);
  event.respondWith(path.startsWith('assets/') ? cacheFirst(request) : staleWhileRevalidate(request));
});
