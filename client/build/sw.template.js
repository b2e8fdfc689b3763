// The service worker. `npm run build` fills in VERSION and PRECACHE (see serviceWorker.ts beside this file):
// a new build is a new worker with its own cache, so one version's files never mix with another's.
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const CACHE = `common-ground-shell-${VERSION}`;
const CACHE_PREFIX = 'common-ground-shell-';

self.addEventListener('install', (event) => {
  // `reload` bypasses the HTTP cache, so the shell is exactly what this build produced.
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith(CACHE_PREFIX) && key !== CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

// The page asks for this when the person chooses "reload" on the "new version" notice.
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // The API and the live sync must always reach the server: never from a cache.
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/ws/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirstShell(request));
  } else if (url.pathname.startsWith('/assets/') || PRECACHE.includes(url.pathname)) {
    event.respondWith(cacheFirst(request));
  }
});

/**
 * Every page is the SPA's index.html. The network's answer wins (it may be a newer version, whose worker is then
 * installed beside); offline, this version's cached shell answers. The cached copy is never overwritten, so it
 * always matches this version's cached assets.
 */
async function networkFirstShell(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await caches.match('/index.html', { cacheName: CACHE });
    if (cached) return cached;
    throw error;
  }
}

/** Hashed assets never change under their name; one the precache missed is fetched and kept. */
async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && new URL(request.url).pathname.startsWith('/assets/')) {
    const copy = response.clone();
    caches.open(CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}
