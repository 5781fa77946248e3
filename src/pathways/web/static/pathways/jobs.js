// A job's page follows its job without reloading: every few seconds it fetches itself and
// swaps in the new job section, whose status is a live region. A meta refresh reloaded the
// whole page under the reader (WCAG 2.2.1) and is what axe's meta-refresh rule refuses.
(function () {
  "use strict";
  function look() {
    var here = document.getElementById("job");
    if (!here || !here.dataset.refresh) return;
    var every = Number(here.dataset.refresh) * 1000;
    setTimeout(function () {
      fetch(window.location.href, {credentials: "same-origin"})
        .then(function (answer) { return answer.ok ? answer.text() : null; })
        .then(function (text) {
          if (text === null) return;
          var next = new DOMParser().parseFromString(text, "text/html").getElementById("job");
          if (!next) return;
          here.innerHTML = next.innerHTML;
          if (next.dataset.refresh) here.dataset.refresh = next.dataset.refresh;
          else delete here.dataset.refresh;
        })
        .catch(function () { /* a missed look; the next one tries again */ })
        .then(look);
    }, every);
  }
  look();
})();
