// The service worker: after one visit the app opens and works with the network off.
// tools/offline.mjs fills in the build's version and the list of its files when the release is
// built; a debug build (trunk serve) gets VERSION "" and this worker takes itself away, so a
// developer always sees the newest build.
//
// Updates: the browser fetches this file on each start; a new build differs in VERSION, so the
// new worker installs beside the old one and caches the new files, but does not take over
// (no skipWaiting) while any tab of the old version is open. A page is never swapped under
// someone typing; the new version is served on the next start, and the app says so then.
const VERSION = "";
const FILES = [];
const CACHE = "guanxi-" + VERSION;

self.addEventListener("install", (event) => {
  if (!VERSION) return;
  // cache: "reload" so an HTTP cache never hands the new worker an old file.
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: "reload" })))),
  );
});

self.addEventListener("activate", (event) => {
  if (!VERSION) {
    event.waitUntil(self.registration.unregister());
    return;
  }
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("guanxi-") && k !== CACHE).map((k) => caches.delete(k))))
      // The first visit's page starts using the cache at once, so it works offline without a reload.
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (!VERSION || request.method !== "GET" || !request.url.startsWith(self.registration.scope)) return;
  // Every page of the app is the same index.html (the router reads the path), so a navigation
  // to any deep link is answered with it.
  const key = request.mode === "navigate" ? new URL("index.html", self.registration.scope).href : request;
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(key, { ignoreSearch: request.mode === "navigate" }).then((hit) => hit || fetch(request)),
    ),
  );
});
