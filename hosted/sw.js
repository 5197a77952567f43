/*! Clippings service worker: the hosted build, offline after the first visit.
 *
 * Registered by index.html (and nothing else: not clippings.html, not the
 * embeds) for the folder it is in. It answers two kinds of request and lets
 * every other one through untouched:
 *   - files named by their content hash (the app shell clippings-<hash>.js,
 *     clippings-<hash>_bg.wasm, main-<hash>.css, the archive's
 *     data/index-<hash>.bin and data/p-<hash>.bin, and the interface's
 *     language tables i18n/<lang>-<hash>.txt): from the cache if there,
 *     else from the network, kept once they arrive whole. A name never changes
 *     its content, so a cached copy is never stale; a file that is neither
 *     cached nor reachable fails as it would without this worker, and the page
 *     says so ("Part of the archive could not be loaded … Try again").
 *   - the page itself (index.html, or the folder): from the network, kept;
 *     from the cache only when the network fails or takes over 4 seconds.
 *     Which edition a page is, is the data/index-<hash>.bin it names.
 *
 * In Chromium the hashed files skip this script: static routes (see
 * `install`) read them from the caches, or else from the network, and the
 * page names to the worker what they fetched (the message below), which is
 * kept as if the worker had fetched it.
 *
 * Editions: a page of a new edition starts a new cache generation (the one
 * before stays, as the server keeps the previous edition's files one deploy
 * long; older generations are deleted). A file found in the older generation
 * is copied into the newer one when used, so what both editions share (the
 * shell, unchanged parts) is kept once. Nothing is fetched ahead: what the
 * reader's pages fetched is what works offline.
 */
'use strict';

const SCOPE = new URL(self.registration.scope);
/** Cache names: one prefix per site (several may share an origin), then a generation number. */
const PREFIX = `clippings ${SCOPE.href} `;
// Trunk names the shell's files by a 64-bit hash written without leading zeros
// (1 in 16 builds has 15 digits or fewer); the archive's names always have 16.
const HASHED = /^(?:[\w.-]+-[0-9a-f]{1,16}(?:_bg)?\.(?:js|wasm|css)|data\/(?:index|p)-[0-9a-f]{16}\.bin|i18n\/[a-z]{2,3}-[0-9a-f]{16}\.txt)$/;
const PAGE = /^(?:index\.html)?$/;
const EDITION = /data\/index-[0-9a-f]{16}\.bin/;
const NETWORK_WAIT_MS = 4000;

self.addEventListener('install', (event) => {
  self.skipWaiting();
  // Chromium's static routes read the hashed files from the caches without
  // running this script (a warm load's shell and first parts came 20-30 ms
  // sooner), and from the network when no cache holds one, as if there were no
  // worker. Only hashed files are ever kept (see `keep`), so the looser
  // patterns here (routes take wildcards only) can find nothing else. What the
  // routes took to the network, and what they found in an older generation, the
  // page names to this worker (edition.js), which keeps it as below.
  // Without them (other engines, a refusal) the fetch handler below does it all.
  if (!event.addRoutes) return;
  const route = (pathname) => ({
    condition: { urlPattern: new URLPattern({ pathname, search: '', baseURL: SCOPE.href }), requestMethod: 'GET' },
    source: 'cache',
  });
  const files = ['*-*.js', '*-*.wasm', '*-*.css', 'data/*-*.bin', 'i18n/*-*.txt'];
  try {
    event.waitUntil(event.addRoutes(files.map(route)).catch(() => {}));
  } catch {}
});
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

/** The path of `url` below the scope, or null (another origin, outside the scope, a query, not a URL). */
function below(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.origin !== SCOPE.origin || u.search || !u.pathname.startsWith(SCOPE.pathname)) return null;
  return u.pathname.slice(SCOPE.pathname.length);
}

const isHashed = (url) => HASHED.test(below(url) ?? '');

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || request.headers.has('range')) return;
  const path = below(request.url);
  if (path === null) return;
  if (HASHED.test(path)) event.respondWith(hashed(request, event));
  else if (request.mode === 'navigate' && PAGE.test(path)) event.respondWith(page(request, event));
});

// Once this worker controls a page, the page names the files it fetched before
// (its first visit), itself among them: they are kept like any other.
self.addEventListener('message', (event) => {
  const urls = event.data?.keep;
  if (!Array.isArray(urls)) return;
  const strings = urls.filter((url) => typeof url === 'string');
  const pages = strings.filter((url) => PAGE.test(below(url.replace(/#.*$/s, '')) ?? '-'));
  event.waitUntil(
    Promise.all([
      ...strings.filter(isHashed).map(async (url) => {
        if (await find(url)) return;
        const response = await fetch(url).catch(() => null);
        if (response) await keep(url, response);
      }),
      ...pages.slice(0, 1).map(async (url) => {
        if (await (await newest()).match(SCOPE.href)) return;
        const response = await fetch(url.replace(/#.*$/s, '')).catch(() => null);
        if (response?.status === 200 && response.type === 'basic' && !response.redirected) await remember(response);
      }),
    ]),
  );
});

/** This site's cache names, newest generation first. */
async function generations() {
  const generation = (name) => Number(name.slice(PREFIX.length));
  return (await caches.keys())
    .filter((name) => name.startsWith(PREFIX) && /^\d+$/.test(name.slice(PREFIX.length)))
    .sort((a, b) => generation(b) - generation(a));
}

/** The newest generation's cache (the first one, if there is none yet). */
async function newest() {
  const [name] = await generations();
  return caches.open(name ?? `${PREFIX}1`);
}

/** A cached copy of `url` in any generation; found in an older one, it is copied into the newest. */
async function find(url) {
  const names = await generations();
  for (const [i, name] of names.entries()) {
    const hit = await (await caches.open(name)).match(url);
    if (hit && i > 0) await (await caches.open(names[0])).put(url, hit.clone());
    if (hit) return hit;
  }
  return undefined;
}

/** Keep a copy of a whole, successful, same-origin response (`response` stays readable). */
async function keep(url, response) {
  if (response.status !== 200 || response.type !== 'basic') return;
  const copy = response.clone();
  await (await newest()).put(url, copy);
}

async function hashed(request, event) {
  const hit = await find(request.url);
  if (hit) return hit;
  const response = await fetch(request);
  event.waitUntil(keep(request.url, response).catch(() => {}));
  return response;
}

async function page(request, event) {
  const network = fetch(request).then((response) => {
    if (response.status === 200 && response.type === 'basic' && !response.redirected) {
      event.waitUntil(remember(response.clone()).catch(() => {}));
    }
    return response;
  });
  const cached = await (await newest()).match(SCOPE.href);
  if (!cached) return network;
  const late = new Promise((ok) => setTimeout(ok, NETWORK_WAIT_MS, null));
  const answer = network.then(
    (response) => (response.ok ? response : null),
    () => null,
  );
  return (await Promise.race([answer, late])) ?? cached;
}

/** Keep the page; a page of another edition than the one kept opens a new generation. */
async function remember(response) {
  const edition = (await response.clone().text()).match(EDITION)?.[0];
  const names = await generations();
  let name = names[0] ?? `${PREFIX}1`;
  const kept = names.length ? await (await caches.open(name)).match(SCOPE.href) : undefined;
  const before = kept && (await kept.text()).match(EDITION)?.[0];
  if (before && edition && before !== edition) {
    await Promise.all(names.slice(1).map((stale) => caches.delete(stale)));
    name = `${PREFIX}${Number(name.slice(PREFIX.length)) + 1}`;
  }
  await (await caches.open(name)).put(SCOPE.href, response);
}
