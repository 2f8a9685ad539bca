// Error summary at the top of a refused form: it takes the focus when the page opens (in case
// `autofocus` did not), and each link moves the focus to its field (a link to an id alone only
// scrolls there).
(function () {
  "use strict";
  var summary = document.getElementById("erreurs");
  if (!summary) { return; }
  if (document.activeElement !== summary) { summary.focus(); }
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var target = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) { return; }
    event.preventDefault();
    // Bring the field's label (or its group's legend) into view along with the field.
    var group = target.closest("fieldset, .field") || target;
    group.scrollIntoView({ block: "start" });
    target.focus({ preventScroll: true });
  });
})();
