// Forms marked data-submit-once: the button is disabled once pressed, so that a long import
// is not sent twice by a second click while the first one runs.
document.querySelectorAll("form[data-submit-once]").forEach((form) => {
  form.addEventListener("submit", () => {
    form.querySelectorAll("button[type=submit]").forEach((button) => {
      button.dataset.label = button.textContent;
      button.disabled = true;
      button.textContent = form.dataset.submitOnce;
    });
  });
});

// Coming back with the browser's back button shows the page as it was left: usable again.
window.addEventListener("pageshow", (event) => {
  if (event.persisted) {
    document.querySelectorAll("form[data-submit-once] button[type=submit]").forEach((button) => {
      button.disabled = false;
      button.textContent = button.dataset.label || button.textContent;
    });
  }
});
