/* Limber service worker, written by the build: precaches the pages, assets and search index under
   a cache named by a hash of the build and its scope, serves it cache-first, and removes its
   scope's older caches when a new build activates. The large files (LATER: cards, PDFs, audio,
   the site zip) go in a cache of their own when first opened or saved with "Save everything for
   offline", keyed by a hash of each file, so they outlive builds that did not change them. */
"use strict";

/* Named by its scope too: each language's site has a worker of its own (/ and /es/), and each
   removes only its own older caches, never the other language's. */
var CACHE = "limber-" + __VERSION__ + " " + self.registration.scope;
var FILES = __FILES__;
var PATHS = __PATHS__; // from limber/paths.py
var LATER = __LATER__; // path from the scope -> hash of the file
var SAVED = "limber-saved " + self.registration.scope; // site.js opens the same cache

/* The saved files by address: a path may leave the scope (another language's site shares the
   zip, ../downloads/limber-site.zip), and the worker still answers the fetches of its pages. */
var LATER_AT = {};
Object.keys(LATER).forEach(function (path) {
  LATER_AT[new URL(path, self.registration.scope).href] = LATER[path];
});

/* Where a URL is kept: the saved-files cache under its hash, or the build's cache. */
function place(url) {
  if (Object.prototype.hasOwnProperty.call(LATER_AT, url.href)) {
    return { name: SAVED, key: url.href + "?v=" + LATER_AT[url.href] };
  }
  return { name: CACHE, key: url.href };
}

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
          if (/^limber-[0-9a-f]+$/.test(name)) return true; // named before caches carried a scope
          var build = /^limber-[0-9a-f]+ (.*)$/.exec(name); // not "limber-saved …"
          return build !== null && build[1] === self.registration.scope && name !== CACHE;
        }).map(function (name) { return caches.delete(name); }));
      })
      .then(dropStaleSaved)
      .then(function () { return self.clients.claim(); })
  );
});

/* Saved files this build no longer has, or has changed, are dropped. */
function dropStaleSaved() {
  var current = {};
  Object.keys(LATER_AT).forEach(function (href) { current[href + "?v=" + LATER_AT[href]] = true; });
  return caches.has(SAVED).then(function (has) {
    return has ? caches.open(SAVED) : null;
  }).then(function (cache) {
    if (!cache) return null;
    return cache.keys().then(function (requests) {
      return Promise.all(requests.filter(function (request) { return !current[request.url]; })
        .map(function (request) { return cache.delete(request); }));
    });
  });
}

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
  var where = place(url);
  return caches.open(where.name).then(function (cache) {
    return cache.match(where.key).then(function (hit) {
      if (hit) return rangeOf(hit, header);
      return fetch(url.href).then(function (response) {
        if (!response.ok || response.type !== "basic") return response;
        return cache.put(where.key, response.clone()).then(function () { return rangeOf(response, header); });
      });
    });
  }).catch(function () { return Response.error(); });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.headers.has("x-limber-save")) return; // "Save everything" stores what it fetches
  var url = new URL(request.url);
  url.hash = "";
  url.search = ""; // filter links (?area=neck) are the same page
  if (url.pathname.slice(-1) === "/") url.pathname += PATHS.index;
  if (request.headers.has("Range") || /\.mp3$/.test(url.pathname)) {
    event.respondWith(ranged(event, url));
    return;
  }
  var where = place(url);
  event.respondWith(
    caches.open(where.name).then(function (cache) {
      return cache.match(where.key).then(function (hit) {
        if (hit) return hit;
        return fetch(request).then(function (response) {
          // Files left out of the precache (cards, PDFs, the zip) stay available once opened.
          if (response.ok && response.type === "basic") event.waitUntil(cache.put(where.key, response.clone()));
          return response;
        }).catch(function () {
          if (request.mode === "navigate") {
            return caches.open(CACHE).then(function (pages) {
              return pages.match(new URL(PATHS.notFound, self.registration.scope).href);
            });
          }
          return Response.error();
        });
      });
    })
  );
});
