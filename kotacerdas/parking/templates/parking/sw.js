// Attendant app service worker: keeps the app shell so a lost signal shows the app with
// its offline notice instead of the browser's error page, and the page can still record
// cash into the phone's store (IndexedDB, see jukir.js) to send later. Money never comes
// from cache: API calls always go to the network.
var CACHE = "kc-jukir-v2";
var SHELL = ["/jukir/", "{% load static %}{% static 'web/kc.css' %}", "{% static 'parking/jukir.css' %}", "{% static 'parking/jukir.js' %}"];
self.addEventListener("install", function (e) {
  e.waitUntil(caches.open(CACHE).then(function (c) { return c.addAll(SHELL); }).then(function () { return self.skipWaiting(); }));
});
self.addEventListener("activate", function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }));
});
self.addEventListener("fetch", function (e) {
  var req = e.request;
  if (req.method !== "GET" || req.url.indexOf("/api/") !== -1) return;
  e.respondWith(fetch(req).then(function (res) {
    if (req.mode === "navigate" && req.url.endsWith("/jukir/")) {
      var copy = res.clone();
      caches.open(CACHE).then(function (c) { c.put("/jukir/", copy); });
    }
    return res;
  }).catch(function () {
    return caches.match(req).then(function (hit) { return hit || caches.match("/jukir/"); });
  }));
});
