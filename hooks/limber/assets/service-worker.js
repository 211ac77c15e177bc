/* Limber service worker, written by the build: precaches the whole site under a cache named by a
   hash of the build, serves it cache-first, and removes older caches when a new build activates. */
"use strict";

var CACHE = "limber-" + __VERSION__;
var FILES = __FILES__;
var PATHS = __PATHS__; // from limber/paths.py

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

/* A media element asks for byte ranges (206), which a cache cannot store: fetch and keep the
   whole file, then answer each range from it. Routine audio is cached on first play this way. */
function rangeOf(response, header) {
  var match = /^bytes=(\d*)-(\d*)$/.exec(header || "");
  if (!match) return Promise.resolve(response);
  return response.blob().then(function (blob) {
    var size = blob.size;
    var start = match[1] === "" ? Math.max(0, size - Number(match[2])) : Number(match[1]);
    var end = match[1] !== "" && match[2] !== "" ? Math.min(Number(match[2]), size - 1) : size - 1;
    if (start >= size || start > end) {
      return new Response(null, { status: 416, headers: { "Content-Range": "bytes */" + size } });
    }
    return new Response(blob.slice(start, end + 1), {
      status: 206,
      headers: {
        "Content-Type": response.headers.get("Content-Type") || "application/octet-stream",
        "Content-Range": "bytes " + start + "-" + end + "/" + size,
        "Content-Length": String(end - start + 1)
      }
    });
  });
}

function ranged(event, url) {
  var header = event.request.headers.get("Range");
  return caches.open(CACHE).then(function (cache) {
    return cache.match(url.href).then(function (hit) {
      if (hit) return rangeOf(hit, header);
      return fetch(url.href).then(function (response) {
        if (!response.ok || response.type !== "basic") return response;
        return cache.put(url.href, response.clone()).then(function () { return rangeOf(response, header); });
      });
    });
  }).catch(function () { return Response.error(); });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  var url = new URL(request.url);
  url.hash = "";
  url.search = ""; // filter links (?area=neck) are the same page
  if (url.pathname.slice(-1) === "/") url.pathname += PATHS.index;
  if (request.headers.has("Range") || /\.mp3$/.test(url.pathname)) {
    event.respondWith(ranged(event, url));
    return;
  }
  event.respondWith(
    caches.open(CACHE).then(function (cache) {
      return cache.match(url.href).then(function (hit) {
        if (hit) return hit;
        return fetch(request).then(function (response) {
          // Files left out of the precache (card PDFs) stay available once opened.
          if (response.ok && response.type === "basic") cache.put(url.href, response.clone());
          return response;
        }).catch(function () {
          if (request.mode === "navigate") return cache.match(new URL(PATHS.notFound, self.registration.scope).href);
          return Response.error();
        });
      });
    })
  );
});
