// Fiche form: click the map to place the structure; the latitude and longitude fields follow.
// The map opens on the chosen commune, moves when another commune is typed, and a point placed
// far from the commune is flagged next to the map (the server asks to confirm it too).
(function () {
  "use strict";
  var element = document.getElementById("place-point-map");
  if (!element || typeof L === "undefined") { return; }
  var latitude = document.getElementById(element.dataset.latitudeInput);
  var longitude = document.getElementById(element.dataset.longitudeInput);
  var communeInput = document.getElementById(element.dataset.communeInput);
  var warning = document.getElementById("place-point-warning");
  var settings = JSON.parse(document.getElementById("map-settings").textContent);
  var farKm = parseFloat(element.dataset.farKm);
  var commune = { point: JSON.parse(element.dataset.communePoint), name: element.dataset.communeName };
  var marker = null;

  function typedPoint() {
    var lat = parseFloat(latitude.value.replace(",", "."));
    var lon = parseFloat(longitude.value.replace(",", "."));
    return isFinite(lat) && isFinite(lon) ? [lat, lon] : null;
  }

  var start = typedPoint();
  var map = L.map(element);
  if (start) { map.setView(start, 14); }
  else if (commune.point) { map.setView(commune.point, 13); }
  else { map.setView(JSON.parse(element.dataset.defaultCenter), 8); }
  element.leafletMap = map;  // the browser tests read its centre
  L.tileLayer(settings.tilesUrl, { attribution: settings.attribution, maxZoom: 18 }).addTo(map);

  function show(point) {
    if (marker) { marker.setLatLng(point); return; }
    marker = L.circleMarker(point, { radius: 9, color: "#1f3a5f", fillColor: "#e07a1f", fillOpacity: 0.9 }).addTo(map);
  }

  // Kilometres between the point and the commune's centre (equirectangular, as the server).
  function kmFromCommune(point) {
    var kx = 111.32 * Math.cos(commune.point[0] * Math.PI / 180);
    return Math.hypot((point[1] - commune.point[1]) * kx, (point[0] - commune.point[0]) * 110.57);
  }

  function checkDistance() {
    var point = typedPoint();
    var km = point && commune.point ? kmFromCommune(point) : 0;
    warning.hidden = km <= farKm;
    warning.textContent = warning.hidden ? "" : warning.dataset.message
      .replace("%(km)s", Math.round(km)).replace("%(commune)s", commune.name);
  }

  if (start) { show(start); checkDistance(); }
  map.on("click", function (event) {
    latitude.value = event.latlng.lat.toFixed(6);
    longitude.value = event.latlng.lng.toFixed(6);
    show([event.latlng.lat, event.latlng.lng]);
    checkDistance();
  });
  [latitude, longitude].forEach(function (input) {
    input.addEventListener("change", function () {
      var point = typedPoint();
      if (point) { show(point); map.setView(point); }
      checkDistance();
    });
  });

  // Another commune chosen: the map moves there (the point stays where it is, and is checked).
  // Typing then leaving the field asks twice (the pause after typing, the change): the same
  // text is looked up once, or a late second answer would move the map back after the user
  // had zoomed or panned it.
  var lookedUp = null;
  function followCommune() {
    var typed = communeInput.value.trim();
    if (typed.length < 2 || typed === lookedUp) { return; }
    lookedUp = typed;
    fetch(element.dataset.communeUrl + "?commune=" + encodeURIComponent(typed))
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (found) {
        if (!found) { return; }
        commune = { point: [found.latitude, found.longitude], name: found.nom };
        map.setView(commune.point, 13);
        checkDistance();
      })
      .catch(function () { /* unknown or unreachable: the map stays where it is */ });
  }
  if (communeInput) {
    // A suggestion picked from the list fires "input" only; typing fires it at each key.
    var timer = null;
    communeInput.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(followCommune, 400);
    });
    communeInput.addEventListener("change", followCommune);
  }
})();
