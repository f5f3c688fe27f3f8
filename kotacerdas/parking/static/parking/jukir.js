// Attendant app: offline notice, cash kept on the phone when there is no signal (IndexedDB)
// and sent by itself when the signal returns, QRIS only with a network, double-tap-safe
// submissions, countdown and live payment status. Written for old Android browsers: no
// modules, no frameworks, no libraries.
(function () {
  var body = document.body;
  var home = document.getElementById("j-home");
  var box = document.getElementById("j-charge");
  var root = home || box;
  var note = document.getElementById("j-note");
  function t(name) { return (root && root.getAttribute("data-t-" + name)) || ""; }
  function setOnline(on) { body.classList.toggle("j-offline", !on); }
  window.addEventListener("offline", function () { setOnline(false); });
  setOnline(navigator.onLine !== false);

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/jukir/sw.js", { scope: "/jukir/" }).catch(function () {});
  }

  function say(text) {
    if (!note) return;
    note.textContent = text;
    note.hidden = !text;
  }
  function rupiah(n) { return "Rp" + String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "."); }
  function hhmm(ms) { var d = new Date(ms); return ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2); }
  function randomKey() {
    var a = new Uint8Array(16);
    (window.crypto || window.msCrypto).getRandomValues(a);
    return Array.prototype.map.call(a, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function csrf(form) {
    var input = (form || document).querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  // JSON over XHR (old browsers lack fetch); cb(status, data) with status 0 on no network.
  function send(method, url, data, token, key, cb) {
    var xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.setRequestHeader("Accept", "application/json");
    if (data) xhr.setRequestHeader("Content-Type", "application/json");
    if (token) xhr.setRequestHeader("X-CSRFToken", token);
    if (key) xhr.setRequestHeader("Idempotency-Key", key);
    xhr.timeout = 20000;
    xhr.onload = function () {
      var parsed = null;
      try { parsed = JSON.parse(xhr.responseText); } catch (e) { parsed = null; }
      cb(xhr.status, parsed);
    };
    xhr.onerror = xhr.ontimeout = function () { cb(0, null); };
    xhr.send(data ? JSON.stringify(data) : null);
  }
  function errorText(data) {
    return (data && data.error && data.error.message) || "";
  }

  // ---- The phone's store: one object store of unsent cash records, keyed by their
  // idempotency key. A record leaves it only when the server has booked or refused it.
  var store = {
    db: null,
    open: function (cb) {
      if (store.db || !window.indexedDB) return cb(store.db);
      var rq;
      try { rq = window.indexedDB.open("kc-jukir", 1); } catch (e) { return cb(null); }
      rq.onupgradeneeded = function () { rq.result.createObjectStore("cash", { keyPath: "key" }); };
      rq.onsuccess = function () { store.db = rq.result; cb(store.db); };
      rq.onerror = function () { cb(null); };
    },
    run: function (mode, work, done) {
      store.open(function (db) {
        if (!db) return done(false);
        var tx = db.transaction("cash", mode);
        var result = work(tx.objectStore("cash"));
        tx.oncomplete = function () { done(true, result && result.result); };
        tx.onerror = tx.onabort = function () { done(false); };
      });
    },
    put: function (rec, done) { store.run("readwrite", function (s) { s.put(rec); }, done); },
    remove: function (key, done) { store.run("readwrite", function (s) { s["delete"](key); }, done || function () {}); },
    mine: function (owner, done) {
      store.run("readonly", function (s) { return s.getAll(); }, function (ok, all) {
        done((all || []).filter(function (r) { return r.owner === owner; }));
      });
    }
  };

  function wireIssueForm(form) {
    var ref = form.querySelector("input[name=client_ref]");
    var fresh = function () { ref.value = randomKey(); };
    fresh();
    form.addEventListener("change", fresh);
    var channel = "qris";
    var buttons = form.querySelectorAll("button[name=channel]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener("click", function (e) { channel = e.currentTarget.value; });
    }
    function lock(on) { for (var j = 0; j < buttons.length; j++) buttons[j].disabled = on; }
    function field(name) {
      var el = form.querySelector("[name=" + name + "]:checked") || form.querySelector("[name=" + name + "]");
      return el || { value: "" };
    }
    form.addEventListener("submit", function (e) {
      var chosen = (e.submitter && e.submitter.value) || channel;
      if (chosen === "cash" && home && window.indexedDB) {
        e.preventDefault();
        return keepCash(form, field, fresh);
      }
      if (chosen === "qris") {
        e.preventDefault();
        if (navigator.onLine === false) { setOnline(false); return say(t("qris-offline")); }
        lock(true);
        var data = { spot: field("spot").value, vehicle_class: field("vehicle_class").value, plate: field("plate").value };
        send("POST", "/api/v1/parking/charges", data, csrf(form), ref.value, function (status, out) {
          if (status === 201 && out && out.id) { location.href = "/jukir/charge/" + out.id + "/"; return; }
          lock(false);
          if (status === 0) { setOnline(false); return say(t("qris-offline")); }
          say(errorText(out) || t("qris-offline"));
        });
        return;
      }
      setTimeout(function () { lock(true); }, 0);
    });
  }

  // ---- Cash: written to the phone first, then sent; the list shows it at once.
  function keepCash(form, field, fresh) {
    var cls = field("vehicle_class");
    var rec = {
      key: form.querySelector("input[name=client_ref]").value,
      owner: home.getAttribute("data-owner"),
      spot: field("spot").value,
      vehicle_class: cls.value,
      plate: field("plate").value.replace(/[^A-Za-z0-9 ]/g, "").slice(0, 12),
      captured_at: Date.now(),
      waited: navigator.onLine === false,
      label: cls.getAttribute("data-label") || cls.value,
      amount: parseInt(cls.getAttribute("data-amount") || "0", 10)
    };
    store.put(rec, function (ok) {
      if (!ok) {  // no usable store (private mode, old browser): the plain form records it
        var hidden = document.createElement("input");
        hidden.type = "hidden"; hidden.name = "channel"; hidden.value = "cash";
        form.appendChild(hidden);
        form.submit();
        return;
      }
      fresh();
      var plate = form.querySelector("input[name=plate]");
      if (plate) plate.value = "";
      show(rec);
      say(rupiah(rec.amount) + " · " + t("saved"));
      sync(rec.key);
    });
  }

  var recent = document.getElementById("j-recent");
  var refusedList = document.getElementById("j-refused");
  function itemFor(key) { return recent && recent.querySelector("li[data-key='" + key + "']"); }
  function show(rec) {
    if (!recent || itemFor(rec.key)) return;
    var none = document.getElementById("j-none");
    if (none) none.parentNode.removeChild(none);
    var li = document.createElement("li");
    li.className = "j-local";
    li.setAttribute("data-key", rec.key);
    var left = document.createElement("span");
    left.textContent = hhmm(rec.captured_at) + " · " + rec.label + (rec.plate ? " · " + rec.plate.toUpperCase() : "");
    var right = document.createElement("span");
    right.textContent = rupiah(rec.amount) + " · ";
    var badge = document.createElement("b");
    badge.className = "j-badge";
    badge.textContent = t("unsent");
    right.appendChild(badge);
    li.appendChild(left);
    li.appendChild(right);
    recent.insertBefore(li, recent.firstChild);
  }
  function markSent(key, event) {
    var li = itemFor(key);
    if (!li) return;
    var badge = li.querySelector(".j-badge");
    badge.textContent = t("sent");
    badge.className = "j-badge j-ok";
    li.removeAttribute("class");
    var link = document.createElement("a");
    link.href = "/jukir/charge/" + event.id + "/";
    while (li.firstChild) link.appendChild(li.firstChild);
    li.appendChild(link);
  }
  function markRefused(key, reason) {
    var li = itemFor(key);
    if (!li) return;
    li.className = "j-gone";
    var badge = li.querySelector(".j-badge");
    badge.textContent = t("refused");
    badge.className = "j-badge j-bad";
    var why = document.createElement("small");
    why.textContent = reason;
    li.appendChild(why);
    if (refusedList) { refusedList.hidden = false; refusedList.insertBefore(li, refusedList.firstChild); }
  }
  function count(records) {
    var el = document.getElementById("j-unsent");
    if (!el) return;
    document.getElementById("j-unsent-count").textContent = String(records.length);
    el.hidden = records.length === 0;
  }

  var syncing = false, again = "";
  function sync(tapped) {
    if (!home) return;
    if (syncing) { again = tapped || again || "later"; return; }
    var owner = home.getAttribute("data-owner");
    store.mine(owner, function (records) {
      for (var i = 0; i < records.length; i++) show(records[i]);
      count(records);
      if (!records.length) return;
      syncing = true;
      var batch = records.slice(0, 50).map(function (r) {
        return { key: r.key, spot: r.spot, vehicle_class: r.vehicle_class, plate: r.plate, captured_at: r.captured_at, waited: !!r.waited || Date.now() - r.captured_at > 120000 };
      });
      send("POST", home.getAttribute("data-sync-url"), { records: batch }, csrf(home), "", function (status, out) {
        syncing = false;
        var next = again;
        again = "";
        if (status === 0) {
          // Not sent: from now on these records carry their own capture time.
          records.forEach(function (r) { if (!r.waited) { r.waited = true; store.put(r, function () {}); } });
          setOnline(false);
          return;
        }
        setOnline(true);
        if (status === 401 || status === 403) { return say(t("signin")); }
        if (status !== 200 || !out || !out.results) { return say(errorText(out)); }
        if (next && next !== "later") tapped = next;
        var left = out.results.length, goTo = "";
        out.results.forEach(function (row) {
          store.remove(row.key, function () {
            left -= 1;
            if (left === 0) {
              store.mine(owner, function (rest) {
                count(rest);
                if (goTo) { location.href = goTo; } else if (rest.length) { sync(); }
              });
            }
          });
          if (row.status === "synced") {
            markSent(row.key, row.event);
            if (row.key === tapped) goTo = "/jukir/charge/" + row.event.id + "/";
          } else {
            markRefused(row.key, row.reason);
          }
        });
      });
    });
  }

  var forms = document.querySelectorAll("form.j-issue");
  for (var f = 0; f < forms.length; f++) wireIssueForm(forms[f]);
  if (home) {
    window.addEventListener("online", function () { setOnline(true); sync(); });
    document.addEventListener("visibilitychange", function () { if (!document.hidden) sync(); });
    setInterval(function () { sync(); }, 30000);
    sync();
  } else {
    window.addEventListener("online", function () { setOnline(true); });
  }

  // ---- One charge: countdown and live status until paid or expired.
  if (!box) return;
  var state = box.getAttribute("data-status");
  if (state === "paid" || state === "cash" || state === "expired" || state === "cancelled") return;
  var expires = Date.parse(box.getAttribute("data-expires"));
  var url = box.getAttribute("data-status-url");
  var clock = document.getElementById("j-clock");
  var done = false;

  function showState(id) {
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
    send("GET", url, null, "", "", function (status, data) {
      if (status === 0) { setOnline(false); return later(); }
      setOnline(true);
      if (status !== 200 || !data) return later();
      if (data.status === "paid") { done = true; showState("paid"); if (navigator.vibrate) navigator.vibrate(300); return; }
      if (data.status === "expired" || data.status === "cancelled") { done = true; showState("expired"); return; }
      later();
    });
  }
  function later() { setTimeout(poll, 2500); }
  tick();
  poll();
})();
