// A button that opens the browser's print dialog (print to PDF).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
