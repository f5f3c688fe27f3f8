// Staff map of parking spots (Leaflet from the django-leaflet package).
(function () {
  var el = document.getElementById("kc-map");
  if (!el || !window.L) return;
  var centre = el.getAttribute("data-centre").split(",").map(Number);
  var map = L.map(el).setView(centre, 15);
  L.tileLayer(el.getAttribute("data-tiles"), { maxZoom: 19, attribution: el.getAttribute("data-attribution") }).addTo(map);
  var spots = JSON.parse(document.getElementById("kc-spots").textContent);
  var rupiah = function (n) { return "Rp" + String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "."); };
  var bounds = [];
  spots.forEach(function (s) {
    var lines = Object.keys(s.tariffs).map(function (k) { return k + ": " + rupiah(s.tariffs[k]); });
    var box = document.createElement("div");
    var title = document.createElement("b");
    title.textContent = s.code + " " + s.name;
    box.appendChild(title);
    [s.street, s.zone + " · " + s.model, s.legal].concat(lines).forEach(function (t) {
      if (!t) return;
      box.appendChild(document.createElement("br"));
      box.appendChild(document.createTextNode(t));
    });
    // Colour by realisation against potential: red under 50%, amber under 80%, green above.
    var colour = !s.active || s.pct === null ? "#98a2b3" : s.pct < 50 ? "#b42318" : s.pct < 80 ? "#dc6803" : "#0b6e4f";
    if (s.potential) {
      box.appendChild(document.createElement("br"));
      box.appendChild(document.createTextNode(rupiah(s.realised) + " / " + rupiah(s.potential) + " (" + s.pct + "%)"));
    }
    L.circleMarker([s.lat, s.lon], { radius: 9, color: colour, fillColor: colour, fillOpacity: 0.8 })
      .addTo(map).bindPopup(box);
    bounds.push([s.lat, s.lon]);
  });
  if (bounds.length) map.fitBounds(bounds, { padding: [30, 30] });
})();
