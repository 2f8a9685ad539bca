// Actors' maps (/carte/ and a scheme's participants): data from /api/acteurs.geojson with the
// page's filters plus the view's bbox and zoom, reloaded when the map moves (debounced, stale
// requests aborted). Points are clustered in the browser (Leaflet.markercluster); when the
// server answers with its own clusters, each is a numbered circle that zooms in when clicked.
// Without tiles (offline) the markers still show. No inline script: strings and settings come
// from data attributes and json_script. Every string (names, communes, messages) goes into the
// map as text (`node`, textContent), never as HTML.
(function () {
  "use strict";
  if (typeof L === "undefined") {
    return;
  }
  var DEBOUNCE_MS = 250;
  var MAX_ZOOM = 18;
  var FIT_MAX_ZOOM = 13;
  var settingsNode = document.getElementById("map-settings");
  var tiles = settingsNode ? JSON.parse(settingsNode.textContent) : null;

  function parseView(text) {
    var parts = (text || "").split(",");
    if (parts.length !== 3) {
      return null;
    }
    var numbers = parts.map(Number);
    if (numbers.some(function (n) { return !isFinite(n); })) {
      return null;
    }
    return { lat: numbers[0], lon: numbers[1], zoom: Math.round(numbers[2]) };
  }

  function clamp(value, min, max) {
    return Math.min(max, Math.max(min, value));
  }

  function node(tag, className, text) {
    var element = document.createElement(tag);
    if (className) {
      element.className = className;
    }
    if (text !== undefined && text !== null) {
      element.textContent = text;
    }
    return element;
  }

  function formatCount(count) {
    return Number(count).toLocaleString("fr-FR");
  }

  function setup(container) {
    var messages = container.dataset;
    var list = document.getElementById(container.dataset.list);
    var status = document.getElementById(container.dataset.status);
    var syncUrl = container.hasAttribute("data-sync-url");
    var filters = container.dataset.filters || "";
    var map = L.map(container, { minZoom: 2, maxZoom: MAX_ZOOM, scrollWheelZoom: syncUrl });
    if (tiles && tiles.tilesUrl) {
      L.tileLayer(tiles.tilesUrl, { attribution: tiles.attribution, maxZoom: MAX_ZOOM }).addTo(map);
    }
    var points = typeof L.markerClusterGroup === "function"
      ? L.markerClusterGroup({
        showCoverageOnHover: false, maxClusterRadius: 45, chunkedLoading: true,
        iconCreateFunction: function (cluster) {
          var colors = {};
          cluster.getAllChildMarkers().forEach(function (marker) {
            var color = marker.options.sphereColor;
            colors[color] = (colors[color] || 0) + 1;
          });
          var dominant = Object.keys(colors).sort(function (a, b) { return colors[b] - colors[a]; })[0];
          return clusterIcon(cluster.getChildCount(), dominant);
        }
      })
      : L.layerGroup();
    var serverClusters = L.layerGroup();
    points.addTo(map);
    serverClusters.addTo(map);
    var controller = null;
    var timer = null;

    function say(template, count) {
      return (template || "").replace("%(count)s", formatCount(count));
    }

    function showStatus(text) {
      if (status) {
        status.textContent = text;
      }
    }

    function apiUrl(withView) {
      var params = new URLSearchParams(filters);
      if (withView) {
        var bounds = map.getBounds();
        var west = clamp(bounds.getWest(), -180, 180);
        var east = clamp(bounds.getEast(), -180, 180);
        var south = clamp(bounds.getSouth(), -90, 90);
        var north = clamp(bounds.getNorth(), -90, 90);
        if (west < east && south < north) {
          params.set("bbox", [west, south, east, north].map(function (n) { return n.toFixed(5); }).join(","));
        }
        params.set("zoom", String(clamp(map.getZoom(), 0, 20)));
      }
      return container.dataset.api + "?" + params.toString().replace(/%2C/g, ",");
    }

    function pinIcon(color) {
      var pin = node("span", "map-pin-dot");
      pin.style.backgroundColor = color || "#555555";
      return L.divIcon({ html: pin, className: "map-pin", iconSize: [18, 18], iconAnchor: [9, 9], popupAnchor: [0, -8] });
    }

    // Type, commune, and for moderators the status of a fiche not yet published.
    function describe(properties) {
      return [properties.type, properties.commune, properties.status].filter(Boolean).join(" · ");
    }

    function popupContent(properties) {
      var box = node("div", "map-popup");
      var title = node("p", "map-popup-title");
      var link = node("a", null, properties.name);
      link.href = properties.url;
      title.appendChild(link);
      box.appendChild(title);
      box.appendChild(node("p", "map-popup-meta", describe(properties)));
      var more = node("a", "map-popup-more", messages.msgFiche);
      more.href = properties.url;
      box.appendChild(more);
      return box;
    }

    function pointMarker(feature) {
      var coordinates = feature.geometry.coordinates;
      var properties = feature.properties;
      var marker = L.marker([coordinates[1], coordinates[0]], {
        icon: pinIcon(properties.color), title: properties.name, alt: properties.name, keyboard: true,
        sphereColor: properties.color
      });
      marker.bindPopup(function () { return popupContent(properties); });
      return marker;
    }

    // Clusters, from the server or from Leaflet.markercluster, look alike: a numbered circle
    // ringed with the colour of the sphere most of its actors belong to.
    function clusterIcon(count, color) {
      var size = Math.round(clamp(26 + 7 * Math.log10(count), 30, 64));
      var circle = node("span", "map-cluster-circle", count >= 10000 ? Math.round(count / 1000) + " k" : formatCount(count));
      circle.style.borderColor = color || "#1f3a5f";
      return L.divIcon({ html: circle, className: "map-cluster", iconSize: [size, size] });
    }

    function clusterMarker(feature) {
      var coordinates = feature.geometry.coordinates;
      var count = feature.properties.count;
      var latlng = L.latLng(coordinates[1], coordinates[0]);
      var marker = L.marker(latlng, {
        icon: clusterIcon(count, feature.properties.color),
        title: say(messages.msgCluster, count), keyboard: true
      });
      marker.on("click", function () {
        map.setView(latlng, Math.min(map.getZoom() + 2, MAX_ZOOM));
      });
      return marker;
    }

    function renderList(features) {
      if (!list) {
        return;
      }
      var items = document.createDocumentFragment();
      features.forEach(function (feature) {
        var properties = feature.properties;
        var item = node("li");
        var link = node("a", null, properties.name);
        link.href = properties.url;
        item.appendChild(link);
        item.appendChild(document.createTextNode(" "));
        item.appendChild(node("span", "muted", describe(properties)));
        items.appendChild(item);
      });
      list.replaceChildren(items);
    }

    function render(data) {
      points.clearLayers();
      serverClusters.clearLayers();
      if (data.clustered) {
        data.features.forEach(function (feature) { serverClusters.addLayer(clusterMarker(feature)); });
        renderList([]);
        showStatus(say(messages.msgClustered, data.total));
        return;
      }
      var markers = data.features.map(pointMarker);
      if (typeof points.addLayers === "function") {
        points.addLayers(markers);
      } else {
        markers.forEach(function (marker) { points.addLayer(marker); });
      }
      renderList(data.features);
      if (data.total === 0) {
        showStatus(messages.msgNone);
      } else {
        showStatus(data.total === 1 ? messages.msgOne : say(messages.msgMany, data.total));
      }
    }

    function fitTo(data) {
      var bounds = L.latLngBounds(data.features.map(function (feature) {
        return [feature.geometry.coordinates[1], feature.geometry.coordinates[0]];
      }));
      if (!bounds.isValid()) {
        return false;
      }
      map.fitBounds(bounds, { padding: [30, 30], maxZoom: FIT_MAX_ZOOM });
      return true;
    }

    function load(withView, fit) {
      if (controller) {
        controller.abort();
      }
      controller = new AbortController();
      container.setAttribute("aria-busy", "true");
      fetch(apiUrl(withView), {
        signal: controller.signal,
        credentials: "same-origin",
        headers: { Accept: "application/geo+json, application/json" }
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("HTTP " + response.status);
          }
          return response.json();
        })
        .then(function (data) {
          container.removeAttribute("aria-busy");
          if (fit) {
            // Framing the results moves the map, which reloads the data for the new view.
            if (!fitTo(data)) {
              var fallback = parseView(container.dataset.defaultView) || { lat: 46.6, lon: 2.4, zoom: 6 };
              map.setView([fallback.lat, fallback.lon], fallback.zoom);
            }
            return;
          }
          render(data);
        })
        .catch(function (error) {
          if (error.name === "AbortError") {
            return;
          }
          container.removeAttribute("aria-busy");
          showStatus(messages.msgError);
        });
    }

    function keepViewInUrl() {
      var center = map.getCenter();
      var view = center.lat.toFixed(5) + "," + center.lng.toFixed(5) + "," + map.getZoom();
      var params = new URLSearchParams(window.location.search);
      params.set("vue", view);
      var query = params.toString().replace(/%2C/g, ",");
      window.history.replaceState(window.history.state, "", window.location.pathname + "?" + query);
    }

    map.on("moveend", function () {
      if (syncUrl) {
        keepViewInUrl();
      }
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { load(true, false); }, DEBOUNCE_MS);
    });

    var view = parseView(container.dataset.view);
    var reference = drawReference(map, container);
    if (view) {
      map.setView([view.lat, view.lon], view.zoom);
    } else if (reference) {
      // The circle is the search: framing it shows every actor found (moveend loads them).
      map.fitBounds(reference, { padding: [20, 20] });
    } else {
      load(false, true);
    }
  }

  // A search « autour » a commune: the commune as a star with its name written beside it (a
  // shape and a text, not a colour alone) and a circle of the radius. Kept apart from the
  // actors' markers. The page gives them in the json_script « <map id>-reference ».
  function referenceData(container) {
    var source = document.getElementById(container.id + "-reference");
    var data = source ? JSON.parse(source.textContent) : null;
    if (!data || !isFinite(data.lat) || !isFinite(data.lon) || !isFinite(data.rayon_km)) {
      return null;
    }
    return data;
  }

  function drawReference(map, container) {
    var data = referenceData(container);
    if (!data) {
      return null;
    }
    var center = L.latLng(data.lat, data.lon);
    L.circle(center, {
      radius: data.rayon_km * 1000, className: "map-reference-radius", interactive: false,
      color: "#1f3a5f", weight: 2, dashArray: "6 4", fillOpacity: 0.05
    }).addTo(map);
    var badge = node("span", "map-reference-badge");
    badge.appendChild(node("span", "map-reference-star", "★"));
    badge.appendChild(node("span", "map-reference-name", data.nom));
    var label = "Commune de référence : " + data.nom + ", rayon de " + data.rayon_km + " km";
    L.marker(center, {
      icon: L.divIcon({ html: badge, className: "map-reference-marker", iconSize: null, iconAnchor: [11, 11] }),
      title: label, alt: label, keyboard: false, zIndexOffset: 1000
    }).addTo(map);
    // Computed from the centre: the circle knows its bounds only once the map has a view.
    return center.toBounds(data.rayon_km * 2000);
  }

  document.querySelectorAll("[data-actor-map]").forEach(setup);

  // The map page's filters apply as soon as a box is ticked (the button stays for keyboards).
  var form = document.querySelector("[data-map-form]");
  if (form) {
    form.addEventListener("change", function (event) {
      if (event.target.type === "checkbox") {
        if (typeof form.requestSubmit === "function") {
          form.requestSubmit();
        } else {
          form.submit();
        }
      }
    });
  }
})();
