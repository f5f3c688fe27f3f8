/* Map picker and public report map (Leaflet from the django-leaflet package).
   Pick mode: drag the pin or tap the map; the lat/long fields, the kecamatan and the
   list of open reports nearby follow. Without JavaScript the fields work on their own. */
(function () {
  "use strict";
  var el = document.getElementById("sv-map");
  if (!el || !window.L) return;
  var centre = el.dataset.centre.split(",").map(Number);
  var map = L.map(el).setView(centre, 13);
  L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: el.dataset.attribution }).addTo(map);

  if (el.dataset.mode === "public") {
    var data = JSON.parse(document.getElementById("sv-markers").textContent);
    var bounds = [];
    data.forEach(function (m) {
      var box = document.createElement("div");
      var link = document.createElement("a");
      link.href = m.url;
      link.textContent = m.layanan;
      box.appendChild(link);
      box.appendChild(document.createElement("br"));
      box.appendChild(document.createTextNode(m.status + " · " + m.nomor));
      L.circleMarker([m.lat, m.lon], { radius: 8, color: "#0b6e4f", fillOpacity: 0.8 }).addTo(map).bindPopup(box);
      bounds.push([m.lat, m.lon]);
    });
    if (bounds.length) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 16 });
    return;
  }

  var lat = document.getElementById("sv-lat");
  var lon = document.getElementById("sv-long");
  var kec = document.getElementById("sv-kec");
  var place = document.getElementById("sv-place");
  var near = document.getElementById("sv-nearby");
  var num = function (v) { return parseFloat(String(v).replace(",", ".")); };
  var start = lat.value && lon.value ? [num(lat.value), num(lon.value)] : centre;
  var pin = L.marker(start, { draggable: true, autoPan: true }).addTo(map);
  if (lat.value) map.setView(start, 16);

  function show(list) {
    while (near.firstChild) near.removeChild(near.firstChild);
    if (!list.length) { near.hidden = true; return; }
    var title = document.createElement("p");
    title.textContent = near.dataset.title;
    near.appendChild(title);
    var ul = document.createElement("ul");
    list.forEach(function (n) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = n.url;
      a.textContent = n.layanan + " · " + n.status;
      li.appendChild(a);
      li.appendChild(document.createTextNode(" · " + n.jarak_m + " m · " + n.uraian + " "));
      var form = document.createElement("form");
      form.method = "post";
      form.action = n.url + "dukung";
      form.style.display = "inline";
      var token = document.createElement("input");
      token.type = "hidden"; token.name = "csrfmiddlewaretoken"; token.value = near.dataset.csrf;
      var button = document.createElement("button");
      button.type = "submit"; button.className = "kc-btn"; button.textContent = near.dataset.support;
      form.appendChild(token); form.appendChild(button);
      li.appendChild(form);
      ul.appendChild(li);
    });
    near.appendChild(ul);
    near.hidden = false;
  }

  function lookup(p) {
    var url = "/lapor/sekitar/?layanan=" + encodeURIComponent(el.dataset.service) +
      "&lat=" + p.lat.toFixed(6) + "&lon=" + p.lng.toFixed(6);
    fetch(url, { headers: { Accept: "application/json" } }).then(function (r) { return r.json(); })
      .then(function (d) {
        if (!d.inside) { place.textContent = el.dataset.outside; show([]); return; }
        place.textContent = d.kecamatan ? el.dataset.kec + ": " + d.kecamatan + (d.approximate ? " " + el.dataset.approx : "") : "";
        if (d.kecamatan_id && kec) kec.value = String(d.kecamatan_id);
        show(d.nearby || []);
      }).catch(function () { place.textContent = ""; });
  }

  function put(p, pan) {
    pin.setLatLng(p);
    lat.value = p.lat.toFixed(6);
    lon.value = p.lng.toFixed(6);
    if (pan) map.setView(p, 16);
    lookup(p);
  }
  pin.on("dragend", function () { put(pin.getLatLng(), false); });
  map.on("click", function (e) { put(e.latlng, false); });
  function typed() {
    var a = num(lat.value), b = num(lon.value);
    if (!isNaN(a) && !isNaN(b)) put(L.latLng(a, b), true);
  }
  lat.addEventListener("change", typed);
  lon.addEventListener("change", typed);
})();
