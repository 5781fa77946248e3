// The print button on "My plan": a button that prints the page (browsers' own Print works too).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
