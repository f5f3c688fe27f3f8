/* Progressive enhancement for the report form: fill lat/long from the browser's
   geolocation, and fill the note from a reply template. The form works without it. */
(function () {
  "use strict";
  var button = document.getElementById("sv-locate");
  if (button && navigator.geolocation) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var status = document.getElementById("sv-locate-status");
      status.textContent = button.dataset.wait;
      navigator.geolocation.getCurrentPosition(function (pos) {
        document.getElementById("sv-lat").value = pos.coords.latitude.toFixed(6);
        var lon = document.getElementById("sv-long");
        lon.value = pos.coords.longitude.toFixed(6);
        lon.dispatchEvent(new Event("change"));
        status.textContent = button.dataset.done;
      }, function () {
        status.textContent = button.dataset.fail;
      }, {enableHighAccuracy: true, timeout: 15000});
    });
  }
  var pick = document.getElementById("sv-template");
  if (pick) {
    pick.addEventListener("change", function () {
      var option = pick.options[pick.selectedIndex];
      var note = document.getElementById("sv-note");
      if (option && option.dataset.body && note && !note.value) { note.value = option.dataset.body; }
    });
  }
})();
