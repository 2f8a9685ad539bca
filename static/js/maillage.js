// The maillage's list of actors (/maillage/): focusing or pressing an actor's button highlights
// its mark, its links and the actors it is linked to in the drawing, writes its name beside its
// mark and says, in a live region, whom it is linked to. The marks stay out of the Tab order;
// the list is the keyboard's way in. Escape clears the selection. Strings come from data
// attributes (translated in the template); names go into the page as text, never as HTML.
(function () {
  "use strict";
  var SVG_NS = "http://www.w3.org/2000/svg";
  var svg = document.querySelector("[data-maillage-svg]");
  var picker = document.querySelector("[data-node-picker]");
  if (!svg || !picker) {
    return;
  }
  var details = picker.querySelector("[data-node-details]");
  var buttons = Array.prototype.slice.call(picker.querySelectorAll(".node-button"));
  var width = Number(svg.getAttribute("data-width")) || 1000;
  var nameLabel = null;
  picker.hidden = false;

  function nodeOf(pk) {
    return svg.querySelector('.node[data-node="' + pk + '"]');
  }

  function neighboursOf(pk) {
    var found = {};
    svg.querySelectorAll(".edge").forEach(function (edge) {
      var source = edge.getAttribute("data-source");
      var target = edge.getAttribute("data-target");
      var linked = source === pk || target === pk;
      edge.classList.toggle("is-active", linked);
      if (linked) {
        found[source === pk ? target : source] = true;
      }
    });
    return Object.keys(found);
  }

  function writeName(node) {
    if (nameLabel) {
      nameLabel.remove();
      nameLabel = null;
    }
    // A name already written on the drawing is only emphasised.
    if (svg.querySelector('[data-label-of="' + node.getAttribute("data-node") + '"]')) {
      return;
    }
    var x = Number(node.getAttribute("data-x"));
    var y = Number(node.getAttribute("data-y"));
    var gap = Number(node.getAttribute("data-r")) + 5;
    var onLeft = x > width * 0.6;
    nameLabel = document.createElementNS(SVG_NS, "text");
    nameLabel.setAttribute("class", "selected-name");
    nameLabel.setAttribute("aria-hidden", "true");
    nameLabel.setAttribute("x", onLeft ? x - gap : x + gap);
    nameLabel.setAttribute("y", y + 5);
    nameLabel.setAttribute("text-anchor", onLeft ? "end" : "start");
    nameLabel.textContent = node.getAttribute("data-name");
    svg.appendChild(nameLabel);
  }

  function describe(node, neighbours) {
    details.textContent = "";
    var names = neighbours.map(function (pk) {
      var other = nodeOf(pk);
      return other ? other.getAttribute("data-name") : "";
    });
    names.sort(function (a, b) { return a.localeCompare(b, "fr"); });
    var strong = document.createElement("strong");
    strong.textContent = node.getAttribute("data-name");
    details.appendChild(strong);
    details.appendChild(document.createTextNode(" — " + (names.length
      ? details.getAttribute("data-linked-label") + " " + names.join(", ") + ". "
      : details.getAttribute("data-none-label") + " ")));
    var link = document.createElement("a");
    link.href = node.getAttribute("href");
    link.textContent = details.getAttribute("data-open-label");
    details.appendChild(link);
  }

  function clear() {
    svg.classList.remove("has-selection");
    svg.querySelectorAll(".is-selected, .is-neighbour, .is-active").forEach(function (el) {
      el.classList.remove("is-selected", "is-neighbour", "is-active");
    });
    buttons.forEach(function (button) { button.setAttribute("aria-pressed", "false"); });
    if (nameLabel) {
      nameLabel.remove();
      nameLabel = null;
    }
  }

  function select(button) {
    var pk = button.getAttribute("data-node");
    var node = nodeOf(pk);
    if (!node) {
      return;
    }
    clear();
    button.setAttribute("aria-pressed", "true");
    svg.classList.add("has-selection");
    node.classList.add("is-selected");
    var neighbours = neighboursOf(pk);
    neighbours.forEach(function (other) {
      var neighbour = nodeOf(other);
      if (neighbour) {
        neighbour.classList.add("is-neighbour");
      }
    });
    // Drawn last, so that the selected mark is above its neighbours.
    node.parentNode.appendChild(node);
    writeName(node);
    describe(node, neighbours);
  }

  buttons.forEach(function (button) {
    button.addEventListener("focus", function () { select(button); });
    button.addEventListener("click", function () { select(button); });
  });
  picker.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      clear();
      details.textContent = "";
    }
  });
})();
