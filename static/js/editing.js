// Place suggestions (edit forms, directory, map, home page) and the edit forms' Markdown preview.
(function () {
  "use strict";

  function debounce(fn, delay) {
    var timer = null;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, delay);
    };
  }

  // A suggestion list as an ARIA 1.2 combobox (WAI-ARIA APG « list autocomplete »): the input
  // keeps the focus, arrows move the active option (aria-activedescendant), Enter takes it,
  // Escape closes the list; a click takes an option too. A taken option fires « change » so
  // that the directory's htmx form reloads. Without JavaScript the box still takes a name or a
  // code: the server reads both.
  var comboboxCount = 0;

  function setupCombobox(input) {
    if (input.hasAttribute("data-combobox-ready")) { return; }
    input.setAttribute("data-combobox-ready", "");
    var id = (input.id || "suggestions") + "-suggestions-" + (comboboxCount += 1);
    var multiple = input.hasAttribute("data-autocomplete-multiple");
    var list = document.createElement("ul");
    var status = document.createElement("span");
    var options = [];
    var active = -1;
    var controller = null;
    list.id = id;
    list.className = "combobox-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    // Named apart from the box's label, so that the label names the box alone.
    list.setAttribute("aria-label", input.dataset.suggestionsLabel || "Suggestions");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("autocomplete", "off");
    // Moving a box drops its focus: an htmx swap may already have given it back.
    var focused = document.activeElement === input;
    var caret = [input.selectionStart, input.selectionEnd];
    var wrapper = document.createElement("div");
    wrapper.className = "combobox";
    input.before(wrapper);
    wrapper.append(input, list, status);
    if (focused) {
      input.focus();
      input.setSelectionRange(caret[0], caret[1]);
    }

    function typedParts() {
      return input.value.split(",");
    }

    function setActive(index) {
      active = index;
      options.forEach(function (option, position) {
        option.setAttribute("aria-selected", position === index ? "true" : "false");
      });
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function choose(option) {
      var prefix = multiple ? typedParts().slice(0, -1).map(function (p) { return p.trim(); }).filter(Boolean) : [];
      input.value = prefix.concat([option.dataset.value]).join(", ");
      close();
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function show(items) {
      options = items.map(function (item, position) {
        var option = document.createElement("li");
        var kind = document.createElement("span");
        option.id = id + "-" + position;
        option.setAttribute("role", "option");
        option.dataset.value = item.libelle;
        option.textContent = item.libelle + " ";
        kind.className = "combobox-kind";
        kind.textContent = item.type;
        option.appendChild(kind);
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { choose(option); });
        return option;
      });
      list.replaceChildren.apply(list, options);
      list.hidden = options.length === 0;
      input.setAttribute("aria-expanded", options.length ? "true" : "false");
      setActive(-1);
      status.textContent = options.length === 0 ? (input.dataset.noSuggestion || "Aucune suggestion")
        : options.length === 1 ? "1 suggestion" : options.length + " suggestions";
    }

    input.addEventListener("input", debounce(function () {
      var typed = typedParts()[typedParts().length - 1].trim();
      if (controller) { controller.abort(); }
      if (typed.length < 2) {
        options = [];
        list.replaceChildren();
        close();
        return;
      }
      controller = new AbortController();
      fetch(input.dataset.autocomplete + "?q=" + encodeURIComponent(typed), { signal: controller.signal })
        .then(function (response) { return response.json(); })
        .then(function (data) { if (document.activeElement === input) { show(data.resultats); } })
        .catch(function () { /* an aborted or failed lookup only leaves the list as it was */ });
    }, 200));

    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && options.length > 0;
      if (event.key === "ArrowDown" && !open && options.length > 0) {
        event.preventDefault();  // reopens the list closed by Escape, on its first option
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        setActive(0);
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!open) { return; }
        event.preventDefault();
        var last = options.length - 1;
        if (event.key === "ArrowDown") {
          setActive(active >= last ? 0 : active + 1);
        } else {
          setActive(active <= 0 ? last : active - 1);
        }
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();  // takes the option; a second Enter submits the form
        choose(options[active]);
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  function setupComboboxes(root) {
    root.querySelectorAll("input[data-autocomplete]").forEach(setupCombobox);
  }

  setupComboboxes(document);
  // The directory's filters come back in each htmx swap: their boxes need their lists again.
  document.addEventListener("htmx:load", function (event) { setupComboboxes(event.detail.elt); });

  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  document.querySelectorAll("textarea[data-markdown-preview]").forEach(function (textarea) {
    var button = document.createElement("button");
    var preview = document.createElement("div");
    button.type = "button";
    button.className = "button button-secondary";
    button.textContent = textarea.form.dataset.previewLabel || "Aperçu";
    preview.className = "prose markdown-preview";
    preview.setAttribute("aria-live", "polite");
    textarea.after(button, preview);
    button.addEventListener("click", function () {
      var body = new URLSearchParams({ texte: textarea.value });
      fetch(textarea.form.dataset.previewUrl, {
        method: "POST",
        headers: { "X-CSRFToken": csrfToken() },
        body: body
      })
        .then(function (response) { return response.json(); })
        .then(function (data) { preview.innerHTML = data.html; })  // sanitised by the server (nh3)
        .catch(function () { preview.textContent = ""; });
    });
  });
})();
