// The directory's panel after htmx replaces it: the count read out, focus and open groups kept.
(function () {
  "use strict";
  var NARROW = window.matchMedia("(max-width: 959.98px)");
  var remembered = null;

  function panel() { return document.getElementById("panneau-filtres"); }

  // On a phone the filters start closed, so that the results are on the first screens.
  function fitPanelToScreen() {
    var filters = panel();
    if (filters) { filters.open = !NARROW.matches; }
  }

  // Which panels and groups were open: the person's choice outlives the refresh.
  function openStates() {
    var states = {};
    document.querySelectorAll("#annuaire details[id]").forEach(function (details) {
      states[details.id] = details.open;
    });
    return states;
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    if (!event.detail.target || event.detail.target.id !== "annuaire") { return; }
    var active = document.activeElement;
    remembered = {
      focusId: active && active.id,
      fromChip: Boolean(active && active.classList.contains("filter-chip")),
      openStates: openStates(),
    };
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    if (!event.detail.target || event.detail.target.id !== "annuaire" || !remembered) { return; }
    Object.keys(remembered.openStates).forEach(function (id) {
      var details = document.getElementById(id);
      if (details) { details.open = remembered.openStates[id]; }
    });
    // The same control again; after a chip (gone with its filter), the results.
    var focused = remembered.focusId && document.getElementById(remembered.focusId);
    if (!focused && remembered.fromChip) { focused = document.getElementById("resultats"); }
    if (focused && document.activeElement !== focused) { focused.focus(); }
    announce();
    remembered = null;
  });

  // The live region stays in the page: emptied then filled, so the same count is read again.
  function announce() {
    var region = document.getElementById("annonce-resultats");
    var count = document.getElementById("resultats-titre");
    if (!region || !count) { return; }
    region.textContent = "";
    window.setTimeout(function () { region.textContent = count.textContent.trim(); }, 100);
  }

  fitPanelToScreen();
})();
