/* Frontline book: the service worker. The build writes it to the book's root with FL_BOOK above
 * this line: the language, a version that changes with any file of the build, the bytes and the
 * list of every file. On the first visit over http(s) it caches the whole book of this language;
 * afterwards every page, the search and the exercises load from that cache, with or without a
 * network; what it fetches later (the optional widget version) is kept too. Caches of older
 * versions of this language are deleted; other languages are left alone. */
"use strict";
var PREFIX = "frontline-" + FL_BOOK.language + "-";
var CACHE = PREFIX + FL_BOOK.version;

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      return cache.addAll(FL_BOOK.files);
    }).then(function () {
      return self.skipWaiting();
    })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (k) {
        return k.indexOf(PREFIX) === 0 && k !== CACHE;
      }).map(function (k) { return caches.delete(k); }));
    }).then(function () {
      return self.clients.claim();
    })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  event.respondWith(
    caches.open(CACHE).then(function (cache) {
      return cache.match(request, { ignoreSearch: true }).then(function (hit) {
        if (hit) {
          return hit;
        }
        // Not in the book's list (the optional widget version): kept once fetched.
        return fetch(request).then(function (response) {
          if (response.ok) {
            cache.put(request, response.clone());
          }
          return response;
        });
      });
    })
  );
});

// A page asks whether the whole book is in the cache, to say so to the reader.
self.addEventListener("message", function (event) {
  if (!event.data || event.data.type !== "fl-offline-status" || !event.source) {
    return;
  }
  caches.open(CACHE).then(function (cache) {
    return cache.keys();
  }).then(function (keys) {
    event.source.postMessage({
      type: "fl-offline-status",
      ready: keys.length >= FL_BOOK.files.length,
      bytes: FL_BOOK.bytes
    });
  });
});
