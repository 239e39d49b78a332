// The service worker, served at /sw.js with scope "/". It keeps a copy of the whole site so that,
// after one visit, every page, the search and the calculator work with the network off (a training
// room without internet).
//
// This file is not an entry point of templates/assets (it lives in a subfolder): the build's
// offline stage (build/offline) bundles it on its own, under a URL that never changes, and defines
// the two constants below from the finished site.
//
// Strategy:
//   - install: download every file of the manifest into a cache named after the manifest's
//     version (a hash of the files), all or nothing;
//   - activate: delete the caches of older versions, take control of the open pages;
//   - fetch, same-origin GET only: pages (navigations) network-first with a short timeout, then
//     the cache, then the 404 page of the right language; fingerprinted files (name.HASH.ext)
//     cache-first, since their content never changes; other listed files network-first.
//   - update: a new build means a new /sw.js, which installs beside the old worker and waits.
//     The old worker, at the next navigation, tells it to take over (see navigate), so a reader
//     gets the new site at a page boundary, never in the middle of a page.

declare const SW_VERSION: string; // hash of every listed file: a new build, a new cache
declare const SW_FILES: string[]; // URL paths to precache: "/", "/en/policy/x/", "/assets/main.0123456789.css"…

// The worker's global scope, typed loosely: the bundle is not type-checked and the DOM library
// has no ServiceWorkerGlobalScope.
const sw = self as any;

const CACHE_PREFIX = "scaleup-";
const CACHE = CACHE_PREFIX + SW_VERSION;

// How long a navigation waits for the network before it is answered from the cache. Long enough
// for a slow but working connection, short enough that a dead Wi-Fi does not feel broken.
const NAVIGATION_TIMEOUT_MS = 3000;

// Downloads at a time during install: the browser's own limit per host is about six.
const PARALLEL = 6;

// name.0123456789.ext (assets) or name.01234567.ext (search index): the same rule as the build's
// serve.IsHashed, at least 8 hexadecimal digits before the extension.
const HASHED = /\.[0-9a-fA-F]{8,}\.[A-Za-z0-9]+$/;

const MESSAGE_SKIP_WAITING = "skip-waiting";

// SW_FILES is used once: esbuild writes a defined value out at every use.
const FILES: string[] = SW_FILES;
const LISTED = new Set(FILES);

sw.addEventListener("install", (event: any) => {
  event.waitUntil(precache());
});

sw.addEventListener("activate", (event: any) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== CACHE).map((n) => caches.delete(n))),
      )
      .then(() => sw.clients.claim()),
  );
});

sw.addEventListener("message", (event: any) => {
  if (event.data === MESSAGE_SKIP_WAITING) sw.skipWaiting();
});

sw.addEventListener("fetch", (event: any) => {
  const request: Request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(navigate(request, url));
    return;
  }
  if (HASHED.test(url.pathname)) {
    event.respondWith(cacheFirst(request, url.pathname));
    return;
  }
  if (LISTED.has(url.pathname)) {
    event.respondWith(networkFirst(request, url.pathname));
  }
  // Anything else (the dev server's /_dev/, a file the site does not list) goes to the network
  // as if there were no worker.
});

// precache downloads every listed file into a new cache. One failure fails the install (the old
// worker stays in charge, and the browser tries again on a later visit): a half-filled cache
// would break offline use in ways nobody would notice until the training day.
async function precache(): Promise<void> {
  const cache = await caches.open(CACHE);
  const queue = FILES.slice();
  const worker = async () => {
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      // Fingerprinted files may come from the HTTP cache (the page has just loaded them); the
      // others must be revalidated, or a cache could pair an old page with a new manifest.
      const response = await fetch(path, { cache: HASHED.test(path) ? "default" : "no-cache" });
      if (!response.ok) throw new Error("offline cache: " + path + ": HTTP " + response.status);
      await cache.put(path, await unredirected(response));
    }
  };
  try {
    const workers = [];
    for (let i = 0; i < PARALLEL; i++) workers.push(worker());
    await Promise.all(workers);
  } catch (err) {
    await caches.delete(CACHE);
    throw err;
  }
}

// unredirected copies a response that followed a redirect: the browser refuses to answer a
// navigation with a response marked as redirected.
async function unredirected(response: Response): Promise<Response> {
  if (!response.redirected) return response;
  const body = await response.blob();
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

// fromCache looks a path up in this version's cache only (never creating it: an old worker whose
// cache was deleted falls through to the network).
function fromCache(path: string): Promise<Response | undefined> {
  return caches.match(path, { cacheName: CACHE });
}

// navigate answers a page load. A waiting new version is told to take over first: this page
// comes from the network (the new build) when online, and the pages after it from the new cache.
async function navigate(request: Request, url: URL): Promise<Response> {
  const waiting = sw.registration && sw.registration.waiting;
  if (waiting) waiting.postMessage(MESSAGE_SKIP_WAITING);

  let path = url.pathname;
  if (!path.endsWith("/") && !LISTED.has(path) && LISTED.has(path + "/")) path += "/"; // /faq → /faq/
  const response = await networkFirst(request, path);
  if (response.type !== "error") return response;

  const notFound = await fromCache(path === "/en" || path.startsWith("/en/") ? "/en/404.html" : "/404.html");
  if (!notFound) return response;
  return new Response(notFound.body, { status: 404, statusText: "Not Found", headers: notFound.headers });
}

// networkFirst asks the network, and the cache when the network fails or is slower than
// NAVIGATION_TIMEOUT_MS; when the cache has nothing, it waits for the network after all.
// It never rejects: a total failure is Response.error().
async function networkFirst(request: Request, path: string): Promise<Response> {
  const network = fetch(request);
  network.catch(() => undefined); // rejections are handled below; this keeps the console quiet
  const timeout = new Promise<undefined>((resolve) => setTimeout(resolve, NAVIGATION_TIMEOUT_MS, undefined));
  try {
    const first = await Promise.race([network, timeout]);
    if (first) return first;
  } catch {
    // offline: the cache answers
  }
  const cached = await fromCache(path);
  if (cached) return cached;
  try {
    return await network;
  } catch {
    return Response.error();
  }
}

// cacheFirst answers a fingerprinted file: its content never changes, so a cached copy is
// always right.
async function cacheFirst(request: Request, path: string): Promise<Response> {
  const cached = await fromCache(path);
  if (cached) return cached;
  return fetch(request);
}
