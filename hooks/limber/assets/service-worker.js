/* Limber service worker, written by the build: precaches the whole site under a cache named by a
   hash of the build, serves it cache-first, and removes older caches when a new build activates. */
"use strict";

var CACHE = "limber-" + __VERSION__;
var FILES = __FILES__;

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE)
      .then(function (cache) { return cache.addAll(FILES.map(function (file) { return new Request(file, { cache: "reload" }); })); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys()
      .then(function (names) {
        return Promise.all(names.filter(function (name) {
          return name.indexOf("limber-") === 0 && name !== CACHE;
        }).map(function (name) { return caches.delete(name); }));
      })
      .then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  var url = new URL(request.url);
  url.hash = "";
  url.search = ""; // filter links (?area=neck) are the same page
  if (url.pathname.slice(-1) === "/") url.pathname += "index.html";
  event.respondWith(
    caches.open(CACHE).then(function (cache) {
      return cache.match(url.href).then(function (hit) {
        if (hit) return hit;
        return fetch(request).then(function (response) {
          // Files left out of the precache (card PDFs) stay available once opened.
          if (response.ok && response.type === "basic") cache.put(url.href, response.clone());
          return response;
        }).catch(function () {
          if (request.mode === "navigate") return cache.match(new URL("404.html", self.registration.scope).href);
          return Response.error();
        });
      });
    })
  );
});
