// Self-assessment pages, progressively enhanced: every page works without this file.
// - Rating forms save each indicator as it changes (a POST per change, JSON back).
// - The workshop clock counts down each second and follows the facilitator's steps.
// - The results page gets a print button.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function csrf(form) {
    var field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function saveIndicator(form, fieldset) {
    var status = fieldset.querySelector("[data-status]");
    var data = new FormData();
    data.append("csrfmiddlewaretoken", csrf(form));
    data.append("indicator", fieldset.dataset.indicator);
    fieldset.querySelectorAll("input, textarea").forEach(function (input) {
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) return;
      data.append(input.name, input.value);
    });
    if (status) { status.className = "save-status"; status.textContent = form.dataset.saving || "Saving…"; }
    return fetch(form.action || window.location.href, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      if (!status) return;
      if (result.ok) {
        status.className = "save-status saved";
        status.textContent = result.body.message || "Saved";
      } else {
        status.className = "save-status failed";
        status.textContent = (result.body.errors || []).map(function (e) { return e.message; }).join(" ");
      }
    }).catch(function () {
      if (status) {
        status.className = "save-status failed";
        status.textContent = form.dataset.offline || "Not saved.";
      }
    });
  }

  document.querySelectorAll("form[data-autosave]").forEach(function (form) {
    var timers = new WeakMap();
    function later(fieldset, wait) {
      clearTimeout(timers.get(fieldset));
      timers.set(fieldset, setTimeout(function () { saveIndicator(form, fieldset); }, wait));
    }
    form.addEventListener("change", function (event) {
      var fieldset = event.target.closest("fieldset[data-indicator]");
      if (!fieldset) return;
      // An element cannot both contribute and need attention: untick its twin.
      var match = /-(contributes|attention)$/.exec(event.target.name || "");
      if (match && event.target.checked) {
        var other = event.target.name.replace(/(contributes|attention)$/,
          match[1] === "contributes" ? "attention" : "contributes");
        fieldset.querySelectorAll("input[name='" + other + "']").forEach(function (box) {
          if (box.value === event.target.value) box.checked = false;
        });
      }
      later(fieldset, 150);
    });
    form.addEventListener("input", function (event) {
      if (event.target.tagName !== "TEXTAREA") return;
      var fieldset = event.target.closest("fieldset[data-indicator]");
      if (fieldset) later(fieldset, 1200);
    });
  });

  function clockText(seconds) {
    var sign = seconds < 0 ? "-" : "";
    var s = Math.abs(seconds);
    var rest = s % 60;
    return sign + Math.floor(s / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }

  document.querySelectorAll("[data-timer]").forEach(function (box) {
    var clock = box.querySelector("[data-timer-clock]");
    var label = box.querySelector("[data-timer-label]");
    var paused = box.querySelector("[data-timer-paused]");
    var over = box.querySelector("[data-timer-over]");
    var state = {
      remaining: box.dataset.remaining === "" ? null : parseInt(box.dataset.remaining, 10),
      elapsed: parseInt(box.dataset.elapsed || "0", 10),
      running: box.dataset.running === "1", step: box.dataset.step
    };
    function draw() {
      if (!clock) return;
      clock.textContent = clockText(state.remaining === null ? state.elapsed : state.remaining);
      var isOver = state.remaining !== null && state.remaining < 0;
      box.classList.toggle("overrun", isOver);
      if (over) over.hidden = !isOver;
      if (paused) paused.hidden = state.running;
    }
    setInterval(function () {
      if (!state.running) return;
      state.elapsed += 1;
      if (state.remaining !== null) state.remaining -= 1;
      draw();
    }, 1000);
    setInterval(function () {
      fetch(box.dataset.stateUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (next) {
          if (String(next.step === null ? "" : next.step) !== String(state.step)) {
            window.location.reload();  // a new step: the page shows who is on what now
            return;
          }
          state.remaining = next.remaining; state.elapsed = next.elapsed; state.running = next.running;
          if (label && next.label && label.textContent !== next.label) label.textContent = next.label;
          draw();
        }).catch(function () {});
    }, 5000);
  });

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    var hint = document.querySelector("[data-print-hint]");
    if (hint) hint.hidden = true;
    button.addEventListener("click", function () { window.print(); });
  });
})();
