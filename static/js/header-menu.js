// On a phone, the account's links (seven for staff, wider than the screen) fold behind the
// « Menu » button, a disclosure: aria-expanded says whether they show, Escape folds them back
// and returns to the button. Without JavaScript the button stays hidden and the links wrap.
(function () {
  "use strict";
  var button = document.querySelector(".menu-toggle");
  var menu = button ? document.getElementById(button.getAttribute("aria-controls")) : null;
  if (!menu) {
    return;
  }
  var narrow = window.matchMedia("(max-width: 47.99em)");

  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    menu.hidden = !open;
  }

  function fitScreen() {
    button.hidden = !narrow.matches;
    setOpen(!narrow.matches);
  }

  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  button.parentNode.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && narrow.matches && !menu.hidden) {
      setOpen(false);
      button.focus();
    }
  });
  narrow.addEventListener("change", fitScreen);
  fitScreen();
})();
