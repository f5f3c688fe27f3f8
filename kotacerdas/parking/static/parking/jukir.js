// Attendant app enhancement: offline notice, double-tap-safe submissions, countdown and
// live payment status. Written for old Android browsers: no modules, no frameworks.
(function () {
  var body = document.body;
  function setOnline(on) { body.classList.toggle("j-offline", !on); }
  window.addEventListener("online", function () { setOnline(true); });
  window.addEventListener("offline", function () { setOnline(false); });
  setOnline(navigator.onLine !== false);

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/jukir/sw.js", { scope: "/jukir/" }).catch(function () {});
  }

  // One random reference per form fill: a double tap or a resend after a timeout reuses
  // it, and the server answers with the same charge instead of making a second one.
  var form = document.getElementById("j-issue");
  if (form) {
    var ref = form.querySelector("input[name=client_ref]");
    var fresh = function () {
      var a = new Uint8Array(12);
      (window.crypto || window.msCrypto).getRandomValues(a);
      ref.value = Array.prototype.map.call(a, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
    };
    fresh();
    form.addEventListener("change", fresh);
    form.addEventListener("submit", function () {
      var buttons = form.querySelectorAll("button");
      setTimeout(function () { for (var i = 0; i < buttons.length; i++) buttons[i].disabled = true; }, 0);
    });
  }

  var box = document.getElementById("j-charge");
  if (!box) return;
  var expires = Date.parse(box.getAttribute("data-expires"));
  var url = box.getAttribute("data-status-url");
  var clock = document.getElementById("j-clock");
  var done = false;

  function show(id) {
    var parts = box.querySelectorAll("[data-state]");
    for (var i = 0; i < parts.length; i++) parts[i].hidden = parts[i].getAttribute("data-state") !== id;
  }
  function tick() {
    if (done || !clock) return;
    var left = Math.max(0, Math.round((expires - Date.now()) / 1000));
    clock.textContent = Math.floor(left / 60) + ":" + ("0" + (left % 60)).slice(-2);
    if (left > 0) setTimeout(tick, 1000);
  }
  function poll() {
    if (done) return;
    var xhr = new XMLHttpRequest();
    xhr.open("GET", url);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.timeout = 8000;
    xhr.onload = function () {
      setOnline(true);
      if (xhr.status !== 200) return later();
      var data = JSON.parse(xhr.responseText);
      if (data.status === "paid") { done = true; show("paid"); if (navigator.vibrate) navigator.vibrate(300); return; }
      if (data.status === "expired" || data.status === "cancelled") { done = true; show("expired"); return; }
      later();
    };
    xhr.onerror = xhr.ontimeout = function () { setOnline(false); later(); };
    xhr.send();
  }
  function later() { setTimeout(poll, 2500); }
  tick();
  poll();
})();
