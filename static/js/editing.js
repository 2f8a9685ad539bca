// Edit forms: territory suggestions under the commune and territory inputs, Markdown preview.
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

  document.querySelectorAll("[data-autocomplete]").forEach(function (input, index) {
    var list = document.createElement("datalist");
    var multiple = input.hasAttribute("data-autocomplete-multiple");
    list.id = "suggestions-" + index;
    input.setAttribute("list", list.id);
    input.after(list);
    var controller = null;
    input.addEventListener("input", debounce(function () {
      var parts = input.value.split(",");
      var typed = parts[parts.length - 1].trim();
      if (typed.length < 2) { return; }
      if (controller) { controller.abort(); }
      controller = new AbortController();
      fetch(input.dataset.autocomplete + "?q=" + encodeURIComponent(typed), { signal: controller.signal })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          var prefix = multiple ? parts.slice(0, -1).map(function (p) { return p.trim(); }).filter(Boolean) : [];
          list.replaceChildren();
          data.resultats.forEach(function (item) {
            var option = document.createElement("option");
            option.value = prefix.concat([item.libelle]).join(", ");
            option.label = item.type;
            list.appendChild(option);
          });
        })
        .catch(function () { /* an aborted or failed lookup only leaves the list as it was */ });
    }, 200));
  });

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
