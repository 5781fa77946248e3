// A change answered with only its own level or step (ADR 0044) moves the pathway's version:
// the other forms on the page take the new one, or their next save would be refused as stale.
document.addEventListener("pathwayVersion", function (event) {
  document.querySelectorAll('input[name$="-opened_version"]').forEach(function (input) {
    input.value = event.detail.value;
  });
});
