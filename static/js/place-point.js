// Edit form: click the map to place the structure; the latitude and longitude fields follow.
(function () {
  "use strict";
  var element = document.getElementById("place-point-map");
  if (!element || typeof L === "undefined") { return; }
  var latitude = document.getElementById(element.dataset.latitudeInput);
  var longitude = document.getElementById(element.dataset.longitudeInput);
  var settings = JSON.parse(document.getElementById("map-settings").textContent);
  var center = JSON.parse(element.dataset.center);
  var map = L.map(element).setView(center, latitude.value ? 14 : 10);
  L.tileLayer(settings.tilesUrl, { attribution: settings.attribution, maxZoom: 18 }).addTo(map);
  var marker = null;

  function show(lat, lon) {
    if (marker) { marker.setLatLng([lat, lon]); return; }
    marker = L.circleMarker([lat, lon], { radius: 9, color: "#1f3a5f", fillColor: "#e07a1f", fillOpacity: 0.9 }).addTo(map);
  }

  if (latitude.value && longitude.value) {
    show(parseFloat(latitude.value.replace(",", ".")), parseFloat(longitude.value.replace(",", ".")));
  }
  map.on("click", function (event) {
    latitude.value = event.latlng.lat.toFixed(6);
    longitude.value = event.latlng.lng.toFixed(6);
    show(event.latlng.lat, event.latlng.lng);
  });
  [latitude, longitude].forEach(function (input) {
    input.addEventListener("change", function () {
      var lat = parseFloat(latitude.value.replace(",", "."));
      var lon = parseFloat(longitude.value.replace(",", "."));
      if (isFinite(lat) && isFinite(lon)) { show(lat, lon); map.setView([lat, lon]); }
    });
  });
})();
