// Refreshes the lecturer's attendance QR from the server every few seconds (the code
// changes every 30 s) and counts down. The page works without this script: reloading
// it shows the current code.
(function () {
  "use strict";
  var box = document.getElementById("tr-qr");
  var left = document.getElementById("tr-left");
  var link = document.getElementById("tr-link");
  if (!box || !left) { return; }
  var seconds = parseInt(left.getAttribute("data-left"), 10) || 30;
  function refresh() {
    fetch(box.getAttribute("data-src"), { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        box.innerHTML = data.svg;
        link.textContent = data.url;
        link.setAttribute("href", data.url);
        seconds = data.seconds_left;
        left.textContent = seconds;
      })
      .catch(function () { /* keep the last code; the next tick retries */ });
  }
  setInterval(function () {
    seconds -= 1;
    if (seconds <= 0) { refresh(); seconds = 30; }
    left.textContent = Math.max(seconds, 0);
  }, 1000);
})();
