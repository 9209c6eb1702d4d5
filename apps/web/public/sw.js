/**
 * Passbook's service worker: the app's shell offline, the signed-in person's last accounts with the time they
 * were seen, and Web Push.
 *
 * - The shell (index.html and its fingerprinted assets) is cached at install and as it is used; a page load
 *   goes to the network first and falls back to the cached shell.
 * - Of the API, only GET /api/auth/session and GET /api/links are kept, network first, each stamped with when
 *   it was saved; offline, they are answered from the cache with `x-passbook-offline: <saved at>`, which the
 *   page shows. They belong to the person whose session answered: when the session names someone else, or the
 *   page signs out or deletes the account (it deletes the cache itself), they are gone. Nothing else of the
 *   API is ever cached, and nothing is shared between browsers: a cache is this device's alone.
 */
const SHELL = 'passbook-shell-v1';
const DATA = 'passbook-data';
const KEPT_API = new Set(['/api/auth/session', '/api/links']);
const OWNER = '/__passbook/owner';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      const page = await fetch('/', { cache: 'no-cache', credentials: 'same-origin' });
      if (page.ok) {
        const html = await page.clone().text();
        const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);
        await cache.put('/', page);
        await cache.addAll([...new Set(assets)]);
      }
      await cache.addAll(['/favicon.svg', '/manifest.webmanifest', '/icons/icon-192.png']);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('passbook-shell-') && name !== SHELL) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

/** A copy of the answer with the moment it was saved, for the offline page to say. */
async function stamped(response) {
  const headers = new Headers(response.headers);
  headers.set('x-passbook-saved-at', new Date().toISOString());
  return new Response(await response.blob(), { status: response.status, headers });
}

/** The session answer names its person: data saved for anybody else goes. */
async function keepOwner(cache, response) {
  const { user } = await response.clone().json();
  const owner = user ? user.id : 'anonymous';
  const known = await cache.match(OWNER);
  if (known && (await known.text()) !== owner) {
    for (const request of await cache.keys()) await cache.delete(request);
  }
  await cache.put(OWNER, new Response(owner));
}

async function keptApi(request, path) {
  const cache = await caches.open(DATA);
  try {
    const response = await fetch(request);
    if (response.ok && response.status === 200) {
      if (path === '/api/auth/session') await keepOwner(cache, response);
      await cache.put(path, await stamped(response.clone()));
    }
    return response;
  } catch (error) {
    const saved = await cache.match(path);
    if (!saved) throw error;
    const headers = new Headers(saved.headers);
    headers.set('x-passbook-offline', saved.headers.get('x-passbook-saved-at') ?? '');
    headers.delete('etag');
    return new Response(await saved.blob(), { status: 200, headers });
  }
}

async function page(request) {
  try {
    const response = await fetch(request);
    if (response.ok && (response.headers.get('content-type') ?? '').startsWith('text/html')) {
      const cache = await caches.open(SHELL);
      await cache.put('/', response.clone());
    }
    return response;
  } catch (error) {
    const shell = await caches.match('/', { cacheName: SHELL });
    if (!shell) throw error;
    return shell;
  }
}

/** Icons, the manifest and the like: the network's when it answers, else the copy kept at install. */
async function staticFile(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const kept = await caches.match(request, { cacheName: SHELL });
    if (!kept) throw error;
    return kept;
  }
}

async function asset(request) {
  const cache = await caches.open(SHELL);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Connect's return page talks to the frame that opened it: never from the cache.
    if (url.pathname.startsWith('/connect/return')) return;
    event.respondWith(page(request));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(asset(request));
  } else if (KEPT_API.has(url.pathname) && url.search === '') {
    event.respondWith(keptApi(request, url.pathname));
  } else if (!url.pathname.startsWith('/api/') && url.pathname !== '/api') {
    event.respondWith(staticFile(request));
  }
});

self.addEventListener('push', (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch {
    message = { title: 'Passbook', body: event.data ? event.data.text() : '' };
  }
  event.waitUntil(
    self.registration.showNotification(message.title || 'Passbook', {
      body: message.body || '',
      tag: message.tag,
      icon: '/icons/icon-192.png',
      badge: '/icons/icon-192.png',
      data: { url: typeof message.url === 'string' && message.url.startsWith('/') ? message.url : '/' },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = new URL(event.notification.data?.url ?? '/', self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
      if (open) {
        await open.focus();
        await open.navigate(target);
      } else {
        await self.clients.openWindow(target);
      }
    })(),
  );
});
