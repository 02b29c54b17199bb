/* Frontline book: self-checks and exercises that work with no kernel and no network, and the
 * Jupyter widget manager, loaded from this book only when a learner asks for it. */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script ? script.src : document.baseURI;
  var widgetKB = script ? script.getAttribute("data-widget-kb") : null;

  function vendor(name) {
    return new URL("vendor/" + name, base).href;
  }

  function say(el, status, text) {
    el.textContent = "";
    if (status) {
      var strong = document.createElement("strong");
      strong.textContent = status + " ";
      el.appendChild(strong);
    }
    el.appendChild(document.createTextNode(text));
  }

  function setupSelfCheck(section) {
    var button = section.querySelector(".fl-check");
    var feedback = section.querySelector(".fl-feedback");
    button.hidden = false;
    button.addEventListener("click", function () {
      var chosen = section.querySelector("input[type=radio]:checked");
      section.classList.remove("fl-right", "fl-wrong");
      if (!chosen) {
        say(feedback, "", "Choose an answer first.");
        return;
      }
      var right = chosen.getAttribute("data-correct") === "true";
      section.classList.add(right ? "fl-right" : "fl-wrong");
      say(feedback, right ? "Correct." : "Not correct.", chosen.getAttribute("data-feedback"));
    });
  }

  function setupExercise(box) {
    var button = box.querySelector(".fl-check");
    var summary = box.querySelector(".fl-summary");
    button.hidden = false;
    button.addEventListener("click", function () {
      var facts = box.querySelectorAll(".fl-fact");
      var right = 0;
      facts.forEach(function (li) {
        var select = li.querySelector("select");
        var out = li.querySelector(".fl-result");
        li.classList.remove("fl-right", "fl-wrong");
        if (!select.value) {
          say(out, "", "Not answered yet.");
        } else if (select.value === li.getAttribute("data-answer")) {
          right += 1;
          li.classList.add("fl-right");
          say(out, "Right.", li.getAttribute("data-why"));
        } else {
          li.classList.add("fl-wrong");
          say(out, "Not quite.", li.getAttribute("data-why"));
        }
      });
      say(summary, "", right + " of " + facts.length + " facts sorted as suggested.");
    });
  }

  function loadScript(src, attrs) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      Object.keys(attrs || {}).forEach(function (k) { s.setAttribute(k, attrs[k]); });
      s.onload = resolve;
      s.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(s);
    });
  }

  var loading = null;
  function loadWidgets() {
    var buttons = document.querySelectorAll(".fl-load-widgets");
    if (!loading) {
      buttons.forEach(function (b) { b.disabled = true; b.textContent = "Loading the widget version..."; });
      loading = loadScript(vendor("require.js"))
        .then(function () {
          return loadScript(vendor("embed-amd.js"), { "data-jupyter-widgets-cdn": vendor("") });
        })
        .then(function () {
          buttons.forEach(function (b) { b.remove(); });
        })
        .catch(function () {
          buttons.forEach(function (b) { b.disabled = false; b.textContent = "Could not load. Try again"; });
          loading = null;
        });
    }
    return loading;
  }

  function setupWidgetSlots() {
    if (!document.querySelector('script[type="application/vnd.jupyter.widget-state+json"]')) return;
    document.querySelectorAll(".fl-widget-slot").forEach(function (slot) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "fl-load-widgets";
      b.textContent = "Show the Jupyter widget version" + (widgetKB ? " (" + widgetKB + " KB download)" : "");
      b.addEventListener("click", loadWidgets);
      var note = document.createElement("p");
      note.className = "fl-widget-note";
      note.textContent = "Optional. The exercise above works as it is. The widget version looks as it does " +
        "in Jupyter; its Check button works only when the notebook runs in Jupyter.";
      slot.insertBefore(note, slot.firstChild);
      slot.insertBefore(b, note);
    });
  }

  // On paper there is nothing to click: print the answers open, then close them again.
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    openedForPrint = Array.prototype.filter.call(document.querySelectorAll("details.fl-answer"), function (d) {
      return !d.open;
    });
    openedForPrint.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (d) { d.open = false; });
    openedForPrint = [];
  });

  function init() {
    document.querySelectorAll(".fl-selfcheck").forEach(setupSelfCheck);
    document.querySelectorAll(".fl-exercise").forEach(setupExercise);
    setupWidgetSlots();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
