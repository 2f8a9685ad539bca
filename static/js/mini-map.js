// Small map on an actor's fiche: one marker. Works without tiles (the marker still shows).
// The fiche's name is text: Leaflet reads a string given to bindTooltip as HTML, so it gets a
// node whose textContent is the name.
(function () {
  "use strict";
  var element = document.getElementById("mini-map");
  var pointData = document.getElementById("actor-point");
  if (!element || !pointData || typeof L === "undefined") {
    return;
  }
  var point = JSON.parse(pointData.textContent);
  var settings = JSON.parse(document.getElementById("map-settings").textContent);
  var label = document.createElement("span");
  label.textContent = point.name;
  var map = L.map(element, { scrollWheelZoom: false }).setView([point.lat, point.lon], 12);
  L.tileLayer(settings.tilesUrl, { attribution: settings.attribution, maxZoom: 18 }).addTo(map);
  L.circleMarker([point.lat, point.lon], {
    radius: 9, color: "#1f3a5f", weight: 2, fillColor: "#e07a1f", fillOpacity: 0.9
  }).addTo(map).bindTooltip(label);
})();
